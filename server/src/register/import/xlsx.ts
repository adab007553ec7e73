import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { PERSON_TAGS, RELATIONS } from '@weigrid/shared';
import { AppError } from '../../common/app-error.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, type RawImportRow } from './columns.js';

/**
 * exceljs is large (seconds to load on a busy machine): load it on the first spreadsheet request,
 * not at boot.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return m.default ?? m;
}

/** The downloadable template: headers, one example row, drop-downs for relation, and a 说明 sheet. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'weigrid';
  const ws = wb.addWorksheet('人口');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])));
  // Text format so that Excel keeps leading zeros and does not turn ID numbers into 1.1E+17.
  for (const key of ['gridCode', 'phone', 'idNumber', 'householdCode', 'room'] as const) ws.getColumn(key).numFmt = '@';
  const relCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'relation') + 1;
  const letter = String.fromCharCode(64 + relCol);
  // One range rule (exceljs' worksheet-level API), not one rule per cell.
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
    type: 'list',
    allowBlank: false,
    formulae: [`"${RELATIONS.join(',')}"`],
  });
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 14 }, { width: 80 }];
  help.addRows([
    ['列', '说明'],
    ...IMPORT_COLUMNS.map((c) => [c.header, `${c.required ? '必填' : '选填'}。例：${c.example}`]),
    ['与户主关系', RELATIONS.join('、')],
    ['标签', `可填多个，用顿号分隔：${PERSON_TAGS.join('、')}`],
    ['户', '同一地址（楼栋、单元、房号）且户编号相同的行为同一户；身份证号按 GB 11643 校验。'],
    ['整体导入', `任一行有误则整个文件不写入，并列出每一行的问题。单个文件最多 ${MAX_IMPORT_ROWS} 行。`],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}

const notXlsx = () => new AppError('IMPORT_INVALID', 'not a readable .xlsx file', { errors: [{ row: 0, column: null, problem: 'not_xlsx', message: 'the file is not an .xlsx workbook' }] });

/**
 * Reads the first sheet row by row with exceljs' streaming reader: the upload's bytes are unzipped
 * and parsed as they go, and only each row's twelve strings are kept — never the whole workbook
 * model, which took ≈ 300 MiB for a 50,000-row file (docs/benchmarks.md). Wrong or missing headers
 * reject the whole file (422 IMPORT_INVALID with the expected and found headers), and reading stops
 * there or as soon as the file has more than MAX_IMPORT_ROWS rows; empty rows are skipped. Shared
 * strings are cached (a sheet refers to them by index) and styles are read so that a date cell
 * still reads as a date.
 */
export async function parseImportXlsx(buf: Buffer): Promise<{ row: number; values: RawImportRow }[]> {
  // An .xlsx is a zip, which starts with a local file header. Checked first because the streaming
  // unzipper never settles on an empty input.
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const excel = await loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const expected = IMPORT_COLUMNS.map((c) => c.header);
  const out: { row: number; values: RawImportRow }[] = [];
  let sheets = 0;
  let header: string[] | null = null;
  const checkHeader = (found: string[]) => {
    while (found.length && found[found.length - 1] === '') found.pop();
    if (found.length !== expected.length || found.some((h, i) => h !== expected[i])) {
      throw new AppError('IMPORT_INVALID', 'the columns do not match the template', {
        errors: [{ row: 1, column: null, problem: 'wrong_columns', message: `expected columns ${expected.join(', ')}` }],
        expected,
        found,
      });
    }
    return found;
  };
  try {
    // Leaving the loops (first sheet read, or a thrown AppError) stops the unzipping.
    sheetLoop: for await (const ws of reader) {
      sheets++;
      for await (const r of ws) {
        // Only rows with content are in the sheet's XML; a missing row 1 is an empty header.
        if (!header) header = checkHeader(r.number === 1 ? (r.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim()) : []);
        if (r.number === 1) continue;
        const values = {} as RawImportRow;
        let any = false;
        IMPORT_COLUMNS.forEach((c, i) => {
          const t = cellText(r.getCell(i + 1).value).trim();
          if (t) any = true;
          values[c.key] = t;
        });
        if (!any) continue;
        if (out.length === MAX_IMPORT_ROWS) {
          throw new AppError('IMPORT_INVALID', `at most ${MAX_IMPORT_ROWS} rows per file`, { errors: [{ row: 0, column: null, problem: 'too_many_rows', message: `more than ${MAX_IMPORT_ROWS} rows; split the file` }] });
        }
        out.push({ row: r.number, values });
      }
      break sheetLoop;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notXlsx();
  }
  if (sheets === 0) throw new AppError('IMPORT_INVALID', 'the workbook has no sheet', { errors: [{ row: 0, column: null, problem: 'no_sheet', message: 'no sheet' }] });
  if (!header) checkHeader([]);
  if (out.length === 0) throw new AppError('IMPORT_INVALID', 'the sheet has no data rows', { errors: [{ row: 2, column: null, problem: 'empty', message: 'no data rows' }] });
  return out;
}
