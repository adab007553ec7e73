import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { GridLevel, GridPathItem } from '@weigrid/shared';
import { bool, num, numOrNull } from '../db/rows.js';
import { GridNode } from './grid-node.entity.js';
import { GridTreeState } from './grid-tree-state.entity.js';
import { pathCodes, subtreeRange } from './tree.js';
import { GenerateSql, generateSqlFor } from '../db/generate-sql.js';
import { subtreeSql, subtreeWhere } from '../db/subtree.js';

/** A node without its boundary (the part every other module needs). */
export interface NodeRef {
  id: number;
  code: string;
  name: string;
  level: GridLevel;
  path: string;
  parentId: number | null;
  depth: number;
  virtual: boolean;
}

const REF_COLUMNS = ['g.id', 'g.code', 'g.name', 'g.level', 'g.path', 'g.parentId', 'g.depth', 'g.virtual'];
const ref = (n: GridNode): NodeRef => ({ id: n.id, code: n.code, name: n.name, level: n.level, path: n.path, parentId: n.parentId, depth: n.depth, virtual: !!n.virtual });

/**
 * The one subtree predicate — `subtreeSql(column, path)` (positional parameters) and
 * `subtreeWhere(column, path, key)` (named) — is defined in db/subtree.ts (so AccessService can use
 * it without importing grids) and exported here with the rest of the GridTree port.
 */
export { subtreeSql, subtreeWhere };

/** Restricts a query on alias `alias` of grid_node (or any table with a path column) to a subtree. */
export function whereInSubtree<T extends object>(qb: SelectQueryBuilder<T>, path: string, alias = 'g'): SelectQueryBuilder<T> {
  const w = subtreeWhere(`${alias}.path`, path, `${alias}_sub`);
  return qb.andWhere(w.sql, w.params);
}

/**
 * GridTree — the port other modules read the grid tree through (grid_node and grid_tree_state
 * belong to the grids module). Every method takes the caller's EntityManager as its last
 * argument: inside a transaction pass the transaction's `m` (the tx guard throws otherwise);
 * outside one, leave it out and the DataSource's manager is used.
 */
@Injectable()
export class GridTree {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The whole node (boundary included) by its code, or null. */
  @GenerateSql({ params: ['510104017'] })
  byCode(code: string, m?: EntityManager): Promise<GridNode | null> {
    return this.mm(m).findOneBy(GridNode, { code });
  }

  /** The whole node by id, or null. */
  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<GridNode | null> {
    return this.mm(m).findOneBy(GridNode, { id });
  }

  /** A node without its boundary by id, or null. */
  @GenerateSql({ params: [1] })
  async refById(id: number, m?: EntityManager): Promise<NodeRef | null> {
    return (await this.refsByIds([id], m))[0] ?? null;
  }

  /** A node without its boundary by code, or null. */
  @GenerateSql({ params: ['510104017'] })
  async refByCode(code: string, m?: EntityManager): Promise<NodeRef | null> {
    return (await this.refsByCodes([code], m))[0] ?? null;
  }

  /** Nodes (without boundaries) by code; unknown codes are left out. */
  @GenerateSql({ params: [['510104017', '510104018']] })
  async refsByCodes(codes: readonly string[], m?: EntityManager): Promise<NodeRef[]> {
    if (codes.length === 0) return [];
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where({ code: In([...new Set(codes)]) }).getMany();
    return rows.map(ref);
  }

  /** Nodes (without boundaries) by id; unknown ids are left out. */
  @GenerateSql({ params: [[1, 2]] })
  async refsByIds(ids: readonly number[], m?: EntityManager): Promise<NodeRef[]> {
    if (ids.length === 0) return [];
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where({ id: In([...new Set(ids)]) }).getMany();
    return rows.map(ref);
  }

  /** A node's path by id (null if unknown). */
  @GenerateSql({ params: [1] })
  async pathOf(id: number, m?: EntityManager): Promise<string | null> {
    const [r] = (await this.mm(m).query('SELECT path FROM grid_node WHERE id = ?', [id])) as { path: string }[];
    return r?.path ?? null;
  }

  /** Nodes by exact path (the ancestors of something, say); unknown paths are left out. */
  @GenerateSql({ params: [['5101/510104/510104017/', '5101/510104/']] })
  async refsByPaths(paths: readonly string[], m?: EntityManager): Promise<NodeRef[]> {
    if (paths.length === 0) return [];
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where({ path: In([...new Set(paths)]) }).getMany();
    return rows.map(ref);
  }

  /** The node's parent (id and path), or null at the top or when unknown. */
  @GenerateSql({ params: [1] })
  async parentOf(id: number, m?: EntityManager): Promise<{ id: number; path: string } | null> {
    const [p] = (await this.mm(m).query('SELECT p.id AS id, p.path AS path FROM grid_node n JOIN grid_node p ON p.id = n.parent_id WHERE n.id = ?', [id])) as { id: number | string; path: string }[];
    return p ? { id: num(p.id), path: p.path } : null;
  }

  /** Direct children, in code order. */
  @GenerateSql({ params: [1] })
  async children(id: number, m?: EntityManager): Promise<NodeRef[]> {
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where('g.parent_id = :id', { id }).orderBy('g.code', 'ASC').getMany();
    return rows.map(ref);
  }

  /** The top nodes of the tree (no parent), in path order: what an operator can pick from. */
  @GenerateSql({ params: [5] })
  async roots(limit = 5, m?: EntityManager): Promise<NodeRef[]> {
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where('g.parent_id IS NULL').orderBy('g.path', 'ASC').limit(limit).getMany();
    return rows.map(ref);
  }

  /**
   * Nodes in the subtree under `path` (itself included), optionally of one level, in code order;
   * `after` (a code) and `limit` page through it.
   */
  @GenerateSql({ name: 'level, page', params: ['5101/510104/510104017/', { level: 'grid', after: '510104017001', limit: 51 }] })
  @GenerateSql({ name: 'all', params: ['5101/510104/510104017/'] })
  async inSubtree(path: string, opts: { level?: GridLevel; after?: string; limit?: number } = {}, m?: EntityManager): Promise<NodeRef[]> {
    const qb = whereInSubtree(this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(REF_COLUMNS).where('1 = 1'), path);
    if (opts.level) qb.andWhere('g.level = :lvl', { lvl: opts.level });
    if (opts.after !== undefined) qb.andWhere('g.code > :after', { after: opts.after });
    qb.orderBy('g.code', 'ASC');
    if (opts.limit !== undefined) qb.limit(opts.limit);
    return (await qb.getMany()).map(ref);
  }

  /** How many nodes (of one level, optionally) the subtree under `path` holds. */
  @GenerateSql({ params: ['5101/510104/510104017/', { level: 'grid' }] })
  countInSubtree(path: string, opts: { level?: GridLevel } = {}, m?: EntityManager): Promise<number> {
    const qb = whereInSubtree(this.mm(m).getRepository(GridNode).createQueryBuilder('g').where('1 = 1'), path);
    if (opts.level) qb.andWhere('g.level = :lvl', { lvl: opts.level });
    return qb.getCount();
  }

  /** Ids of every node in any of the subtrees under `paths`, ascending. */
  @GenerateSql({ params: [['5101/510104/510104017/', '5101/510104/510104018/']] })
  async idsInSubtrees(paths: readonly string[], m?: EntityManager): Promise<number[]> {
    if (paths.length === 0) return [];
    const qb = this.mm(m).getRepository(GridNode).createQueryBuilder('g').select('g.id', 'id');
    const ors = paths.map((p, i) => {
      const w = subtreeWhere('g.path', p, `s${i}`);
      qb.setParameters(w.params);
      return w.sql;
    });
    return (await qb.where(ors.join(' OR ')).getRawMany<{ id: number | string }>()).map((r) => num(r.id)).sort((a, b) => a - b);
  }

  /** The top of the tree down to the node at `path`, with names; one indexed query. */
  @GenerateSql({ params: ['5101/510104/510104017/510104017001/'] })
  async ancestors(path: string, m?: EntityManager): Promise<GridPathItem[]> {
    const codes = pathCodes(path);
    if (codes.length === 0) return [];
    const rows = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select(['g.code', 'g.name', 'g.level']).where('g.code IN (:...codes)', { codes }).getMany();
    const by = new Map(rows.map((r) => [r.code, r]));
    return codes.flatMap((c) => {
      const r = by.get(c);
      return r ? [{ code: r.code, name: r.name, level: r.level as GridLevel }] : [];
    });
  }

  /** Per parent: how many micro-grids with a boundary (not virtual) it has — the ones a point can land in. */
  @GenerateSql({ params: [[1, 2]] })
  async routableMicroCounts(parentIds: readonly number[], m?: EntityManager): Promise<Map<number, number>> {
    if (parentIds.length === 0) return new Map();
    const rows: { parent_id: number | string; n: number | string }[] = await this.mm(m)
      .createQueryBuilder()
      .select(['m.parent_id AS parent_id', 'COUNT(*) AS n'])
      .from(GridNode, 'm')
      // Booleans are 0/1 in both SQLite and MySQL; a literal avoids driver differences in binding.
      .where("m.parent_id IN (:...ids) AND m.level = 'micro' AND m.is_virtual = 0 AND m.boundary IS NOT NULL", { ids: [...parentIds] })
      .groupBy('m.parent_id')
      .getRawMany();
    return new Map(rows.map((r) => [num(r.parent_id), num(r.n)]));
  }

  /** The largest node id (0 for an empty tree). */
  @GenerateSql({ params: [] })
  async maxId(m?: EntityManager): Promise<number> {
    const r = await this.mm(m).getRepository(GridNode).createQueryBuilder('g').select('MAX(g.id)', 'm').getRawOne<{ m: number | string | null }>();
    return num(r?.m ?? 0);
  }

  /** The current tree version (0 before anything was imported); see GridTreeState. */
  @GenerateSql({ params: [] })
  version(m?: EntityManager): Promise<number> {
    return readGridTreeVersion(this.mm(m));
  }

  /** Every node with what the routing index needs, in code order (one scan of the table). */
  @GenerateSql({ params: [] })
  async routingRows(m?: EntityManager): Promise<{ id: number; code: string; name: string; level: GridLevel; parentId: number | null; depth: number; virtual: boolean; boundary: string | null }[]> {
    const rows: Record<string, unknown>[] = await this.mm(m)
      .getRepository(GridNode)
      .createQueryBuilder('g')
      .select(['g.id AS id', 'g.code AS code', 'g.name AS name', 'g.level AS level', 'g.parent_id AS parentId', 'g.depth AS depth', 'g.is_virtual AS `virtual`', 'g.boundary AS boundary'])
      .orderBy('g.code', 'ASC')
      .getRawMany();
    return rows.map((r) => ({
      id: num(r.id),
      code: String(r.code),
      name: String(r.name),
      level: r.level as GridLevel,
      parentId: numOrNull(r.parentId),
      depth: num(r.depth),
      virtual: bool(r.virtual),
      boundary: (r.boundary as string | null) ?? null,
    }));
  }

  private readonly listeners: (() => Promise<void>)[] = [];

  /**
   * Run `fn` after every change to the tree made through this instance (awaited before the edit
   * answers). The routing index subscribes here, so grids need not import routing.
   */
  onChange(fn: () => Promise<void>): void {
    this.listeners.push(fn);
  }

  /** Tells the subscribers the tree changed (after the changing transaction committed). */
  async changed(): Promise<void> {
    for (const fn of this.listeners) await fn();
  }
}

/** Marks the grid tree as changed; call inside the transaction that changed it. */
export async function bumpGridTreeVersion(m: EntityManager): Promise<void> {
  const r = await m.update(GridTreeState, { id: 1 }, { version: () => 'version + 1', updatedAt: new Date() });
  if (!r.affected) await m.insert(GridTreeState, { id: 1, version: 1, updatedAt: new Date() });
}

/** The current tree version (0 before anything was imported). */
export async function readGridTreeVersion(m: EntityManager): Promise<number> {
  const row = await m.findOne(GridTreeState, { where: { id: 1 }, select: { id: true, version: true } });
  return row?.version ?? 0;
}

// Sample for `sql:generate` (src/queries/grid-tree.sql).
generateSqlFor(bumpGridTreeVersion);
