/**
 * Imported first by every command-line tool. `npm start` keeps its SQLite file in
 * server/.data/; a tool run from anywhere else (the repository root, as the start banner
 * suggests) must open that same file, not make a new empty `./.data/weigrid.sqlite` where it
 * stands. So an unset DB_URL becomes that absolute path before any configuration is read.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** server/ — this file is server/dist/cli/cli-env.js once built. */
export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_DB_URL = `sqlite:${join(SERVER_DIR, '.data/weigrid.sqlite')}`;

if (!process.env.DB_URL) process.env.DB_URL = DEFAULT_DB_URL;

/** `--help` / `-h`: the usage on stdout, exit 0 (before anything touches the database). */
export function answerHelp(usage: string): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    process.exit(0);
  }
}
