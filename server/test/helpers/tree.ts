import type { DataSource } from 'typeorm';
import { levelOfCode, parentCodeOf } from '@weigrid/shared';
import { GridNode } from '../../src/grids/grid-node.entity.js';

/**
 * Makes sure grid nodes exist for the given codes (and all their ancestors implied by the code
 * prefixes), with correct parent/path/depth. Returns code → node. For tests that need a tree.
 */
export async function ensureNodes(ds: DataSource, codes: string[]): Promise<Map<string, GridNode>> {
  const repo = ds.getRepository(GridNode);
  const out = new Map<string, GridNode>();
  const chainOf = (code: string): string[] => {
    const chain: string[] = [];
    for (let c: string | undefined = code; c; c = parentCodeOf(c)) chain.unshift(c);
    return chain;
  };
  for (const code of codes) {
    if (!levelOfCode(code)) throw new Error(`ensureNodes: ${code} is not a grid code length`);
    let parent: GridNode | null = null;
    for (const c of chainOf(code)) {
      let n = out.get(c) ?? (await repo.findOneBy({ code: c }));
      if (!n) {
        await repo.insert({
          code: c,
          name: `测试${c}`,
          level: levelOfCode(c)!,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? ''}${c}/`,
          depth: parent ? parent.depth + 1 : 0,
          virtual: false,
          boundary: null,
          crs: 'gcj02',
          synthetic: true,
        });
        n = await repo.findOneByOrFail({ code: c });
      }
      out.set(c, n);
      parent = n;
    }
  }
  return out;
}
