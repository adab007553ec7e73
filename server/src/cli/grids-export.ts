#!/usr/bin/env node
/**
 * Writes a node and its subtree as a GeoJSON FeatureCollection (the format grids:import reads).
 *   pnpm --filter @weigrid/server grids:export CODE [--out FILE] [--levels grid,micro] [--crs wgs84]
 * Without --out the JSON goes to stdout.
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GRID_LEVELS, isCrs, isGridLevel, type GridLevel } from '@weigrid/shared';
import { exportSubtree } from '../grids/geojson-export.js';
import { cliDbUrl, openCliDataSource, parseArgs } from './cli-common.js';

const USAGE = `usage: grids:export CODE [--out FILE] [--levels ${GRID_LEVELS.join(',')}] [--crs gcj02|wgs84]`;
answerHelp(USAGE);
const { args, flags } = parseArgs(process.argv.slice(2), ['help']);
if (flags.help || args.length !== 1) {
  (flags.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(flags.help ? 0 : 2);
}
const levels = typeof flags.levels === 'string' ? flags.levels.split(',').map((s) => s.trim()) : undefined;
if (levels && !levels.every(isGridLevel)) {
  process.stderr.write(`grids:export: --levels must be among ${GRID_LEVELS.join(', ')}\n`);
  process.exit(2);
}
if (flags.crs !== undefined && !isCrs(flags.crs)) {
  process.stderr.write(`grids:export: --crs must be gcj02 or wgs84\n`);
  process.exit(2);
}
let code = 0;
try {
  const ds = await openCliDataSource(cliDbUrl());
  try {
    const fc = await exportSubtree(ds.manager, args[0]!, { levels: levels as GridLevel[] | undefined, crs: flags.crs as 'gcj02' | 'wgs84' | undefined });
    const json = JSON.stringify(fc);
    if (typeof flags.out === 'string') {
      const out = resolve(process.env.INIT_CWD ?? process.cwd(), flags.out);
      writeFileSync(out, json);
      process.stderr.write(`grids:export: ${fc.features.length} features → ${out}\n`);
    } else {
      // Stdout to a pipe is asynchronous: wait for the flush before process.exit cuts it off.
      await new Promise<void>((resolve) => process.stdout.write(`${json}\n`, () => resolve()));
    }
  } finally {
    await ds.destroy();
  }
} catch (e) {
  process.stderr.write(`grids:export: ${(e as Error).message.split('\n')[0]}\n`);
  code = 1;
}
process.exit(code);
