import { execFileSync, execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real spreadsheet program opening an export: LibreOffice Calc (Debian's
 * libreoffice-calc-nogui, which .ci/run installs), headless. It converts the file to CSV, one per
 * sheet, as a user would see the cells. Exceljs reading our own output proves little about what
 * Calc or Excel make of it.
 */
export const calc: string | null = (() => {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync('which', [bin], { stdio: 'ignore' });
      return bin;
    } catch {
      /* next */
    }
  }
  return null;
})();

/** Printed once by a suite that needs Calc and cannot find it (the tests are skipped, not passed). */
export const CALC_MISSING = 'LibreOffice Calc (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui — skipping the "opens in a spreadsheet program" checks';

/** The cells of every sheet as Calc shows them (formatted text), keyed by sheet name. */
export async function openInCalc(file: Buffer, ext: 'xlsx' | 'csv'): Promise<Record<string, string[][]>> {
  if (!calc) throw new Error(CALC_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-calc-'));
  try {
    writeFileSync(join(dir, `export.${ext}`), file);
    // Own profile per run: two Calc processes sharing one refuse to start. Filter options: comma,
    // double quote, UTF-8 (76), from line 1; token 9 = cell contents as shown (formatted); token
    // 12 = -1 writes every sheet to its own file.
    // A CSV is opened as UTF-8, as Excel does on seeing the BOM (headless Calc would otherwise
    // assume the locale's code page; its import dialog asks).
    const csv = 'Text - txt - csv (StarCalc):44,34,76,1';
    const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...(ext === 'csv' ? [`--infilter=${csv}`] : []), '--convert-to', `csv:${csv},,0,false,true,true,false,false,-1`, '--outdir', join(dir, 'out'), join(dir, `export.${ext}`)];
    await promisify(execFile)(calc, args, { timeout: 60_000 });
    const sheets: Record<string, string[][]> = {};
    for (const f of readdirSync(join(dir, 'out'))) {
      const name = f.replace(/^export-?/, '').replace(/\.csv$/, '') || 'export';
      sheets[name] = parseCsv(readFileSync(join(dir, 'out', f), 'utf8'));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The workbook opened in Calc and saved again as .xlsx: Calc's own XML layout, as a user's edited file would come back. */
export async function resaveInCalc(file: Buffer): Promise<Buffer> {
  if (!calc) throw new Error(CALC_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-calc-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), file);
    await promisify(execFile)(calc, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')], { timeout: 60_000 });
    return readFileSync(join(dir, 'out', 'in.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(f), rows.push(row), (row = []), (f = '');
    } else f += c;
  }
  if (f || row.length) row.push(f), rows.push(row);
  return rows;
}
