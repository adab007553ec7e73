/**
 * Peak memory of reading one large import file, the way the upload path does (file bytes in a
 * Buffer → parseImportXlsx), in a process of its own so that the peak is this file's:
 *
 *   node dist/bench/bench/register/xlsx-rss.js write /tmp/people.xlsx [rows, default 50,000]
 *   node dist/bench/bench/register/xlsx-rss.js parse /tmp/people.xlsx
 *
 * `parse` prints rows, time, and VmHWM (the kernel's peak resident set) before and after parsing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { IMPORT_COLUMNS } from '../../src/register/import/columns.js';
import { loadExcel, parseImportXlsx } from '../../src/register/import/xlsx.js';
import { communityRows, district, prng } from './generate.js';

const peakMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

async function main() {
  const [mode, file, n] = process.argv.slice(2);
  if (!file || (mode !== 'write' && mode !== 'parse')) throw new Error('usage: xlsx-rss write|parse <file> [rows]');
  if (mode === 'write') {
    const rows = Number(n ?? 50_000);
    const d = district();
    const st = { personIndex: 0, rng: prng(3) };
    const wb = new (await loadExcel()).Workbook();
    const ws = wb.addWorksheet('人口');
    ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
    let written = 0;
    for (let c = 0; written < rows; c++) {
      for (const r of communityRows(d, c, 50, st, new Date())) {
        if (written++ >= rows) break;
        ws.addRow(IMPORT_COLUMNS.map((col) => r.values[col.key]));
      }
    }
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    console.log(`wrote ${rows} rows to ${file}`);
    return;
  }
  await loadExcel();
  const buf = readFileSync(file);
  const before = peakMiB();
  const t = performance.now();
  const rows = await parseImportXlsx(buf);
  const ms = performance.now() - t;
  console.log(JSON.stringify({ rows: rows.length, fileMiB: +(buf.length / 2 ** 20).toFixed(1), ms: Math.round(ms), peakBeforeMiB: Math.round(before), peakAfterMiB: Math.round(peakMiB()) }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
