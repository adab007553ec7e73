/** Request/response shapes shared by the server's DTOs (which `implements` them) and the mini-program client. */
import type { GridLevel } from '../grid-code.js';

export interface HealthStatus {
  status: 'ok' | 'error';
  checks?: Record<string, { ok: boolean; ms?: number; error?: string }>;
}

export interface CategoryDto {
  code: string;
  name: string;
  icon: string;
  sort: number;
}

export interface GridNodeSummary {
  code: string;
  name: string;
  level: GridLevel;
  childCount?: number;
}

/** What the mini-program's home page shows before anyone logs in. */
export interface OverviewDto {
  appName: string;
  version: string;
  region: GridNodeSummary | null;
  gridCounts: Partial<Record<GridLevel, number>>;
  categories: CategoryDto[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null when this is the last page. */
  nextCursor: string | null;
}
export * from './events.js';
export * from './accounts.js';
export * from './notify.js';
