import { Category } from '../../catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../catalog/default-categories.js';
import { GridNode } from '../../grids/grid-node.entity.js';
/** The demo region: 成都市 (5101) → 锦江区 (510104), codes from the national division list. */
const DEMO_REGION = [
    { code: '5101', name: '成都市', level: 'city', parent: null },
    { code: '510104', name: '锦江区', level: 'district', parent: '5101' },
];
export async function seedDemo(ds) {
    return ds.transaction(async (m) => {
        let categories = 0;
        for (const c of DEFAULT_CATEGORIES) {
            if (await m.existsBy(Category, { code: c.code }))
                continue;
            await m.insert(Category, { ...c, active: true });
            categories++;
        }
        let nodes = 0;
        for (const n of DEMO_REGION) {
            if (await m.existsBy(GridNode, { code: n.code }))
                continue;
            const parent = n.parent ? await m.findOneByOrFail(GridNode, { code: n.parent }) : null;
            await m.insert(GridNode, {
                code: n.code,
                name: n.name,
                level: n.level,
                parentId: parent?.id ?? null,
                path: `${parent?.path ?? ''}${n.code}/`,
                depth: parent ? parent.depth + 1 : 0,
            });
            nodes++;
        }
        return { categories, nodes };
    });
}
//# sourceMappingURL=demo.js.map