import type ExcelJS from 'exceljs';
import { LOCAL_OFFSET_MS } from '../common/local-day.js';

/** One check-in as the ledger (巡查台账) shows it. */
export interface LedgerRow {
  day: string;
  at: Date;
  person: string;
  gridId: number;
  gridCode: string;
  gridName: string;
  microId: number | null;
  microCode: string;
  microName: string;
  lat: number;
  lng: number;
  outsideM: number;
  note: string;
  photos: number;
  /** Category name of the finding ('' without one). */
  finding: string;
  findingDescription: string;
  /** 是 / 否 / '' (no finding). */
  selfHandled: string;
  eventId: string;
}

/** One grid of the summary sheet. */
export interface LedgerGridRow {
  code: string;
  name: string;
  microGrids: number;
  days: number;
  patrolledDays: number;
  checkins: number;
  microVisited: number;
}

export const LEDGER_HEADERS = ['日期', '时间', '巡查人', '网格编码', '网格', '微网格编码', '微网格', '纬度', '经度', '距网格边界(米)', '巡查情况', '照片数', '发现问题', '问题描述', '现场处置', '事件编号'] as const;
export const SUMMARY_HEADERS = ['网格编码', '网格', '微网格数', '天数', '巡查天数', '覆盖率', '打卡次数', '走到的微网格数'] as const;

/** HH:MM:SS in local (UTC+8) time. */
function localTime(d: Date): string {
  return new Date(d.getTime() + LOCAL_OFFSET_MS).toISOString().slice(11, 19);
}

function cells(r: LedgerRow): (string | number)[] {
  return [r.day, localTime(r.at), r.person, r.gridCode, r.gridName, r.microCode, r.microName, r.lat, r.lng, r.outsideM, r.note, r.photos, r.finding, r.findingDescription, r.selfHandled, r.eventId];
}

/**
 * RFC 4180 field. Free text from the field (notes, descriptions, names) could start with = + - @
 * and be run as a formula when the file is opened in Excel: such text gets a leading apostrophe.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark (Excel reads BOM-less UTF-8 as the local code page and garbles Chinese), CRLF lines. */
export function buildLedgerCsv(rows: readonly LedgerRow[]): Buffer {
  const lines = [LEDGER_HEADERS.join(',')];
  for (const r of rows) lines.push(cells(r).map(csvField).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/** exceljs is large (seconds to load on a busy machine): load it on the first export, not at boot. */
async function loadExcel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return m.default ?? m;
}

/** Two sheets: 巡查台账 (one row per check-in) and 网格覆盖 (one row per grid). */
export async function buildLedgerXlsx(title: string, rows: readonly LedgerRow[], grids: readonly LedgerGridRow[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'weigrid';
  const ws = wb.addWorksheet('巡查台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, LEDGER_HEADERS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow([...LEDGER_HEADERS]).font = { bold: true };
  const widths = [12, 10, 12, 18, 16, 20, 16, 11, 11, 10, 30, 8, 14, 30, 10, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Grid codes are text: as numbers Excel would show 18 digits as 5.10104E+17.
  for (const c of [4, 6]) ws.getColumn(c).numFmt = '@';
  for (const r of rows) ws.addRow(cells(r));

  const gs = wb.addWorksheet('网格覆盖', { views: [{ state: 'frozen', ySplit: 1 }] });
  gs.addRow([...SUMMARY_HEADERS]).font = { bold: true };
  [18, 16, 10, 8, 10, 10, 10, 14].forEach((w, i) => (gs.getColumn(i + 1).width = w));
  gs.getColumn(1).numFmt = '@';
  gs.getColumn(6).numFmt = '0.0%';
  for (const g of grids) gs.addRow([g.code, g.name, g.microGrids, g.days, g.patrolledDays, g.days ? g.patrolledDays / g.days : 0, g.checkins, g.microVisited]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
