import type { DataSource } from 'typeorm';
import { Category } from '../../catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../catalog/default-categories.js';
import { importGrids } from '../../grids/import.js';
import { demoDistrictCollection } from './demo-district.js';

export interface SeedResult {
  categories: number;
  /** Grid nodes created, updated (e.g. a boundary changed) and already as seeded. */
  nodes: number;
  updated: number;
  unchanged: number;
}

/**
 * Seeds the default categories and the demo district (成都市 → 锦江区 → its real streets and
 * communities → synthetic grids and micro-grids; see demo-district.ts). Idempotent: running it
 * again changes nothing. The grids go through the same validated importer as `grids:import`.
 */
export async function seedDemo(ds: DataSource): Promise<SeedResult> {
  const categories = await ds.transaction(async (m) => {
    let n = 0;
    for (const c of DEFAULT_CATEGORIES) {
      if (await m.existsBy(Category, { code: c.code })) continue;
      await m.insert(Category, { ...c, active: true });
      n++;
    }
    return n;
  });
  const r = await importGrids(ds, demoDistrictCollection());
  return { categories, nodes: r.created, updated: r.updated, unchanged: r.unchanged };
}
