import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type RawImportRow } from '../../src/register/import/columns.js';

/** An .xlsx with the template's headers (or `headers`) and the given rows, as a user would upload it. */
export async function makeImportXlsx(rows: Partial<RawImportRow>[], headers: string[] = IMPORT_COLUMNS.map((c) => c.header)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人口');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid row in micro-grid `gridCode`; override any field. */
export function personRow(over: Partial<RawImportRow> = {}): Partial<RawImportRow> {
  return { gridCode: '510104001001001001', address: '红星路二段12号', building: '3栋', unit: '2单元', room: '501', householdCode: 'H1', name: '王小明', relation: '户主', phone: '13800138000', idNumber: '11010519491231002X', birthYear: '1949', tags: '独居老人', ...over };
}
