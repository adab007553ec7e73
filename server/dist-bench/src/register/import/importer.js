import { In } from 'typeorm';
import { AppError } from '../../common/app-error.js';
import { GridNode } from '../../grids/grid-node.entity.js';
import { chunks, insertMany, insertRows } from '../bulk-insert.js';
import { RegHousehold, RegPerson, RegPersonTag, RegPlace } from '../entities.js';
import { householdKey, placeKey, validateRows } from './validate-rows.js';
const inScope = (path, scope) => scope === null || scope.some((p) => path.startsWith(p));
/**
 * Imports people (with their places and households) in ONE transaction: every row is checked
 * first (format, checksum, duplicates in the file and against the register), and if any row is
 * wrong nothing is written and every problem is returned (422 IMPORT_INVALID, details.errors).
 * Batched multi-row INSERTs keep it fast (see bench/register).
 */
export class RegisterImporter {
    ds;
    cipher;
    batchSize;
    constructor(ds, cipher, batchSize = 1000) {
        this.ds = ds;
        this.cipher = cipher;
        this.batchSize = batchSize;
    }
    async importRows(rows, scope, now = new Date()) {
        const { valid, errors } = validateRows(rows, now);
        if (errors.length)
            throw invalid(errors);
        return this.importValid(valid, scope, now);
    }
    async importValid(valid, scope, now = new Date()) {
        const errors = [];
        const t0 = performance.now();
        const T = (l) => { if (process.env.TR)
            console.log(l, (performance.now() - t0).toFixed(0)); };
        // Micro-grids: must exist, be micro-grids, and lie in the importer's scope.
        const codes = [...new Set(valid.map((r) => r.gridCode))];
        const nodes = new Map();
        for (const c of chunks(codes, 1000)) {
            for (const n of await this.ds.getRepository(GridNode).find({ where: { code: In(c) } }))
                nodes.set(n.code, n);
        }
        for (const r of valid) {
            const n = nodes.get(r.gridCode);
            if (!n)
                errors.push({ row: r.row, column: 'gridCode', problem: 'unknown_grid', message: `no grid node ${r.gridCode}` });
            else if (n.level !== 'micro')
                errors.push({ row: r.row, column: 'gridCode', problem: 'not_micro', message: `${r.gridCode} is a ${n.level}, not a micro-grid` });
            else if (!inScope(n.path, scope))
                errors.push({ row: r.row, column: 'gridCode', problem: 'out_of_scope', message: `${r.gridCode} is outside your area` });
        }
        if (errors.length)
            throw invalid(errors);
        // Blind indexes computed once; used for the duplicate check and the insert.
        const hashed = valid.map((r) => ({
            r,
            idHash: r.idNumber ? this.cipher.hash('person.id_number', r.idNumber) : null,
            phoneHash: r.phone ? this.cipher.hash('person.phone', r.phone) : null,
        }));
        T('pre');
        return this.ds.transaction(async (em) => {
            // One person, one record: an ID number already in the register is a row error.
            const ids = hashed.filter((h) => h.idHash).map((h) => h.idHash);
            const existing = new Set();
            for (const c of chunks(ids, 1000)) {
                const found = await em.createQueryBuilder(RegPerson, 'p').select('p.idHash', 'h').where('p.idHash IN (:...c)', { c }).getRawMany();
                for (const f of found)
                    existing.add(f.h);
            }
            for (const h of hashed)
                if (h.idHash && existing.has(h.idHash))
                    errors.push({ row: h.r.row, column: 'idNumber', problem: 'already_registered', message: 'this ID number is already in the register' });
            if (errors.length)
                throw invalid(errors);
            T('dup');
            const placeIds = await this.resolvePlaces(em, valid, nodes, now);
            const placesCreated = placeIds.created;
            T('places');
            // Households: one per distinct key; a non-empty 户编号 at an existing place joins that household.
            const hhKeys = new Map();
            for (const r of valid)
                if (!hhKeys.has(householdKey(r)))
                    hhKeys.set(householdKey(r), r);
            const hhIds = new Map();
            // Only places that already existed can hold an existing household.
            const withCode = [...hhKeys.values()].filter((r) => r.householdCode && !placeIds.createdKeys.has(placeKey(r)));
            for (const c of chunks(withCode, 1000)) {
                const found = await em.getRepository(RegHousehold).find({ select: { id: true, placeId: true, code: true }, where: { placeId: In(c.map((r) => placeIds.map.get(placeKey(r)))), code: In(c.map((r) => r.householdCode)) } });
                const byKey = new Map(found.map((h) => [`${h.placeId}\u0001${h.code}`, h.id]));
                for (const r of c) {
                    const id = byKey.get(`${placeIds.map.get(placeKey(r))}\u0001${r.householdCode}`);
                    if (id)
                        hhIds.set(householdKey(r), id);
                }
            }
            const newHh = [...hhKeys.entries()].filter(([k]) => !hhIds.has(k));
            for (const c of chunks(newHh, this.batchSize)) {
                const first = await insertMany(em, RegHousehold, c.map(([, r]) => {
                    const n = nodes.get(r.gridCode);
                    return { placeId: placeIds.map.get(placeKey(r)), gridNodeId: n.id, gridPath: n.path, code: r.householdCode, note: '', version: 1, createdAt: now, updatedAt: now };
                }));
                c.forEach(([k], i) => hhIds.set(k, first + i));
            }
            T('hh');
            for (const c of chunks(hashed, this.batchSize)) {
                const first = await insertMany(em, RegPerson, c.map(({ r, idHash, phoneHash }) => ({
                    householdId: hhIds.get(householdKey(r)),
                    gridPath: nodes.get(r.gridCode).path,
                    name: r.name,
                    relation: r.relation,
                    phoneEnc: r.phone ? this.cipher.encrypt('person.phone', r.phone) : null,
                    phoneHash,
                    idEnc: r.idNumber ? this.cipher.encrypt('person.id_number', r.idNumber) : null,
                    idHash,
                    birthYear: r.birthYear,
                    gender: r.gender,
                    tags: r.tags.join(','),
                    userId: null,
                    version: 1,
                    createdAt: now,
                    updatedAt: now,
                })));
                const tags = [];
                c.forEach(({ r }, i) => {
                    for (const tag of r.tags)
                        tags.push({ personId: first + i, tag, gridPath: nodes.get(r.gridCode).path });
                });
                for (const t of chunks(tags, this.batchSize))
                    await insertRows(em, RegPersonTag, t);
            }
            T('people');
            return { people: valid.length, households: newHh.length, placesCreated, placesReused: placeIds.map.size - placesCreated };
        });
    }
    async resolvePlaces(em, valid, nodes, now) {
        const wanted = new Map();
        for (const r of valid)
            if (!wanted.has(placeKey(r)))
                wanted.set(placeKey(r), r);
        const map = new Map();
        const codeOf = new Map([...nodes.values()].map((n) => [n.id, n.code]));
        const lookup = async (list) => {
            for (const c of chunks(list, 500)) {
                const found = await em.getRepository(RegPlace).find({
                    select: { id: true, gridNodeId: true, address: true, building: true, unit: true, room: true },
                    where: { gridNodeId: In([...new Set(c.map((r) => nodes.get(r.gridCode).id))]), address: In([...new Set(c.map((r) => r.address))]) },
                });
                for (const p of found)
                    map.set(placeKey({ gridCode: codeOf.get(p.gridNodeId), address: p.address, building: p.building, unit: p.unit, room: p.room }), p.id);
            }
        };
        await lookup([...wanted.values()]);
        const missing = [...wanted.entries()].filter(([k]) => !map.has(k));
        for (const c of chunks(missing, this.batchSize)) {
            const first = await insertMany(em, RegPlace, c.map(([, r]) => {
                const n = nodes.get(r.gridCode);
                return { gridNodeId: n.id, gridPath: n.path, address: r.address, building: r.building, unit: r.unit, room: r.room, lng: null, lat: null, createdAt: now, updatedAt: now };
            }));
            c.forEach(([k], i) => map.set(k, first + i));
        }
        return { map, created: missing.length, createdKeys: new Set(missing.map(([k]) => k)) };
    }
}
export function invalid(errors) {
    const shown = errors.slice(0, 500);
    return new AppError('IMPORT_INVALID', `${errors.length} problem(s) in the file; nothing was written`, { errors: shown, total: errors.length });
}
//# sourceMappingURL=importer.js.map