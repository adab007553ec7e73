#!/usr/bin/env node
/**
 * Imports a grid tree from a GeoJSON FeatureCollection (properties: code, name, level, parent;
 * optional virtual, synthetic). Everything is validated first and every bad feature is listed
 * with its index and reason; then all features are written in one transaction. Importing the
 * same file again changes nothing.
 *   pnpm --filter @weigrid/server grids:import FILE.geojson [--crs wgs84] [--overlap-tolerance M2] [--dry-run]
 * Exit codes: 0 imported (or valid, with --dry-run), 1 invalid file or database error, 2 usage.
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { isCrs } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { redactDbUrl } from '../db/options.js';
import { DEFAULT_OVERLAP_TOLERANCE_M2, importGrids, planImport, type ImportOptions, type ImportProblem } from '../grids/import.js';
import { cliDbUrl, openCliDataSource, parseArgs, userPath } from './cli-common.js';

const USAGE = 'usage: grids:import FILE.geojson [--crs gcj02|wgs84] [--overlap-tolerance M2] [--synthetic] [--dry-run]';
answerHelp(USAGE);
const { args, flags } = parseArgs(process.argv.slice(2), ['dry-run', 'synthetic', 'help']);
if (flags.help || args.length !== 1) {
  (flags.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(flags.help ? 0 : 2);
}
const crs = flags.crs === undefined ? undefined : String(flags.crs);
if (crs !== undefined && !isCrs(crs)) {
  process.stderr.write(`grids:import: --crs must be gcj02 or wgs84\n${USAGE}\n`);
  process.exit(2);
}
const tol = flags['overlap-tolerance'] === undefined ? DEFAULT_OVERLAP_TOLERANCE_M2 : Number(flags['overlap-tolerance']);
if (!Number.isFinite(tol) || tol < 0) {
  process.stderr.write(`grids:import: --overlap-tolerance must be a number of square metres ≥ 0\n`);
  process.exit(2);
}

function printProblems(problems: ImportProblem[]): void {
  process.stderr.write(`grids:import: ${problems.length} problem(s); nothing was imported:\n`);
  for (const p of problems) {
    process.stderr.write(`  ${p.index < 0 ? 'file' : `feature #${p.index}`}${p.code ? ` (${p.code})` : ''}: ${p.reason}: ${p.message}\n`);
  }
}

const file = userPath(args[0]!);
let input: unknown;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  process.stderr.write(`grids:import: cannot read ${file}: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}

const url = cliDbUrl();
const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, noTTYOutput: false }, cliProgress.Presets.shades_classic);
let started = false;
const opts: ImportOptions = {
  crs: crs as ImportOptions['crs'],
  overlapToleranceM2: tol,
  synthetic: flags.synthetic === true,
  onProgress: (phase, done, total) => {
    if (!started) {
      bar.start(total, 0, { phase });
      started = true;
    }
    bar.setTotal(total);
    bar.update(done, { phase: phase === 'validate' ? 'validating' : 'writing   ' });
  },
};
let code = 0;
try {
  const ds = await openCliDataSource(url);
  try {
    if (flags['dry-run']) {
      const plan = await planImport(ds.manager, input, opts);
      if (started) bar.stop();
      if (plan.problems.length) {
        printProblems(plan.problems);
        code = 1;
      } else process.stdout.write(`grids:import: ${file}: ${plan.features.length} features, all valid (dry run, nothing written)\n`);
    } else {
      const r = await importGrids(ds, input, opts);
      if (started) bar.stop();
      process.stdout.write(`grids:import: ${redactDbUrl(url)}: ${r.features} features: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged\n`);
    }
  } finally {
    await ds.destroy();
  }
} catch (e) {
  if (started) bar.stop();
  if (e instanceof AppError && e.code === 'GRID_IMPORT_INVALID') printProblems((e.details as { problems: ImportProblem[] }).problems);
  else process.stderr.write(`grids:import: ${(e as Error).message.split('\n')[0]}\n`);
  code = 1;
}
process.exit(code);
