import { idNumberCheckChar, PERSON_TAGS } from '@weigrid/shared';
/** mulberry32: deterministic, so every run imports the same district. */
export function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
// The most common surnames with rough population weights (王 and 李 ≈ 7 % each), so a one-character
// prefix search meets the skew a real district has.
const SURNAMES = [
    ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 25], ['赵', 20], ['吴', 20], ['周', 19],
    ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['高', 10], ['林', 10], ['罗', 10],
    ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
    ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
    ['余', 4], ['杜', 4], ['叶', 4], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
    ['欧阳', 1], ['司马', 1],
];
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强文斌海燕婷雪晨浩宇欣怡子涵梓萱一诺思远嘉豪俊杰雨桐';
const ROADS = ['红星路', '春熙路', '东大街', '书院街', '合江亭路', '牛市口路', '水井坊街', '莲桂南路', '静安路', '攀成钢路'];
const RELATION_ORDER = ['户主', '配偶', '子女', '子女', '父母'];
const surnameTable = SURNAMES.flatMap(([s, w]) => Array(w).fill(s));
export const SURNAME_LIST = SURNAMES.map(([s]) => s);
export function district() {
    const nodes = [];
    const micro = [];
    const streets = [];
    nodes.push({ code: '5101', name: '成都市', level: 'city', parentCode: null, path: '5101/', depth: 0 });
    nodes.push({ code: '510104', name: '锦江区', level: 'district', parentCode: '5101', path: '5101/510104/', depth: 1 });
    for (let s = 1; s <= 10; s++) {
        const sc = `510104${String(s).padStart(3, '0')}`;
        const sp = `5101/510104/${sc}/`;
        nodes.push({ code: sc, name: `街道${s}`, level: 'street', parentCode: '510104', path: sp, depth: 2 });
        streets.push({ code: sc, path: sp });
        for (let c = 1; c <= 10; c++) {
            const cc = `${sc}${String(c).padStart(3, '0')}`;
            const cp = `${sp}${cc}/`;
            nodes.push({ code: cc, name: `社区${s}-${c}`, level: 'community', parentCode: sc, path: cp, depth: 3 });
            for (let g = 1; g <= 8; g++) {
                const gc = `${cc}${String(g).padStart(3, '0')}`;
                const gp = `${cp}${gc}/`;
                nodes.push({ code: gc, name: `网格${g}`, level: 'grid', parentCode: cc, path: gp, depth: 4 });
                for (let m = 1; m <= 10; m++) {
                    const mc = `${gc}${String(m).padStart(3, '0')}`;
                    const mp = `${gp}${mc}/`;
                    nodes.push({ code: mc, name: `微网格${m}`, level: 'micro', parentCode: gc, path: mp, depth: 5 });
                    micro.push({ code: mc, path: mp });
                }
            }
        }
    }
    return { nodes, micro, streets };
}
/** Household sizes cycle 1-4 so that 400,000 households hold exactly 1,000,000 people. */
const SIZES = [2, 3, 1, 4];
/** The import rows of one community (80 micro-grids × 50 households): one file a community would send. */
export function communityRows(d, communityIndex, householdsPerMicro, st, today) {
    const out = [];
    const micros = d.micro.slice(communityIndex * 80, communityIndex * 80 + 80);
    let row = 2;
    let hh = communityIndex * micros.length * householdsPerMicro;
    for (const m of micros) {
        const road = ROADS[Math.floor(st.rng() * ROADS.length)];
        const no = 1 + Math.floor(st.rng() * 300);
        for (let h = 0; h < householdsPerMicro; h++, hh++) {
            const size = SIZES[hh % 4];
            const surname = surnameTable[Math.floor(st.rng() * surnameTable.length)];
            const building = `${1 + Math.floor(h / 20)}栋`;
            const unit = `${1 + (Math.floor(h / 10) % 2)}单元`;
            const room = `${1 + (h % 10)}0${1 + (h % 4)}`;
            for (let k = 0; k < size; k++) {
                const i = st.personIndex++;
                // Unique ID numbers: (birth day, sequence) is a bijection of the person index.
                const day = i % 29200;
                const seq = Math.floor(i / 29200);
                const birth = new Date(Date.UTC(1940, 0, 1) + day * 86400000);
                const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
                const first17 = `510104${ymd}${String(seq).padStart(3, '0')}`;
                const id = first17 + idNumberCheckChar(first17);
                const age = today.getUTCFullYear() - birth.getUTCFullYear();
                const tags = [];
                if (size === 1 && age >= 65)
                    tags.push('独居老人');
                if (st.rng() < 0.03)
                    tags.push('残疾人');
                if (st.rng() < 0.04)
                    tags.push('低保');
                if (age < 16 && st.rng() < 0.05)
                    tags.push('困境儿童');
                if (st.rng() < 0.01)
                    tags.push(PERSON_TAGS[Math.floor(st.rng() * PERSON_TAGS.length)]);
                let given = Array.from({ length: 1 + Math.floor(st.rng() * 2) }, () => GIVEN[Math.floor(st.rng() * GIVEN.length)]).join('');
                const hasId = st.rng() < 0.97;
                // Without an ID number, name + birth year is what tells members apart: keep them distinct.
                if (!hasId)
                    given += '甲乙丙丁戊'[k];
                out.push({
                    row: row++,
                    values: {
                        gridCode: m.code,
                        address: `锦江区${road}${no}号`,
                        building,
                        unit,
                        room,
                        householdCode: `H${hh}`,
                        name: (k === 0 || st.rng() < 0.7 ? surname : surnameTable[Math.floor(st.rng() * surnameTable.length)]) + given,
                        relation: RELATION_ORDER[k],
                        phone: st.rng() < 0.85 ? `139${String(i).padStart(8, '0')}` : '',
                        idNumber: hasId ? id : '',
                        birthYear: String(birth.getUTCFullYear()),
                        tags: [...new Set(tags)].join('、'),
                    },
                });
            }
        }
    }
    return out;
}
//# sourceMappingURL=generate.js.map