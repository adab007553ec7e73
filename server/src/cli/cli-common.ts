import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/create-data-source.js';
import { runMigrations } from '../db/migrate.js';

import { DEFAULT_DB_URL } from './cli-env.js';

/** DB_URL, or npm start's own SQLite file (cli-env.ts), wherever the tool is run from. */
export const cliDbUrl = (): string => process.env.DB_URL || DEFAULT_DB_URL;

/** Migrates, then opens a small DataSource for a command-line tool. */
export async function openCliDataSource(url: string): Promise<DataSource> {
  await runMigrations(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  return ds;
}

/**
 * A path as the user typed it: `pnpm --filter … script FILE` runs in server/, so a relative path
 * is looked up from where the user was (INIT_CWD) first.
 */
export function userPath(p: string): string {
  const fromUser = process.env.INIT_CWD ? resolve(process.env.INIT_CWD, p) : undefined;
  return fromUser && existsSync(fromUser) ? fromUser : resolve(p);
}

/** Splits argv into positionals and `--flag value` / `--flag=value` / `--switch` options. */
export function parseArgs(argv: string[], switches: string[]): { args: string[]; flags: Record<string, string | true> } {
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      args.push(a);
      continue;
    }
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (v !== undefined) flags[k] = v;
    else if (switches.includes(k)) flags[k] = true;
    else flags[k] = argv[++i] ?? '';
  }
  return { args, flags };
}
