import type { DataSource } from 'typeorm';
import { GridNode } from '../../src/grids/grid-node.entity.js';

export interface GridFixture {
  /** code → node */
  nodes: Map<string, GridNode>;
  /** Two micro-grids in two different streets: A (510104001001001001) and B (510104002001001001). */
  microA: GridNode;
  microB: GridNode;
  streetA: GridNode;
  streetB: GridNode;
  gridA: GridNode;
  communityA: GridNode;
  district: GridNode;
}

/** A small grid tree (city → district → 2 streets → … → micro-grids) for register tests. */
export async function seedGridFixture(ds: DataSource): Promise<GridFixture> {
  const nodes = new Map<string, GridNode>();
  const add = async (code: string, level: GridNode['level'], parent: GridNode | null, name: string) => {
    const path = `${parent ? parent.path : ''}${code}/`;
    const n = await ds.getRepository(GridNode).save({ code, name, level, parentId: parent?.id ?? null, path, depth: parent ? parent.depth + 1 : 0, virtual: false, boundary: null, crs: 'gcj02', synthetic: true });
    nodes.set(code, n);
    return n;
  };
  const city = await add('5101', 'city', null, '成都市');
  const district = await add('510104', 'district', city, '锦江区');
  const streets: GridNode[] = [];
  for (const s of ['001', '002']) {
    const st = await add(`510104${s}`, 'street', district, `街道${s}`);
    streets.push(st);
    const co = await add(`${st.code}001`, 'community', st, `社区${s}`);
    const gr = await add(`${co.code}001`, 'grid', co, `网格${s}`);
    await add(`${gr.code}001`, 'micro', gr, `微网格${s}-1`);
    await add(`${gr.code}002`, 'micro', gr, `微网格${s}-2`);
  }
  return {
    nodes,
    microA: nodes.get('510104001001001001')!,
    microB: nodes.get('510104002001001001')!,
    streetA: streets[0]!,
    streetB: streets[1]!,
    gridA: nodes.get('510104001001001')!,
    communityA: nodes.get('510104001001')!,
    district,
  };
}
