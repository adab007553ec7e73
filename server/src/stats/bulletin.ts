import type ExcelJS from 'exceljs';
import type { BulletinDto } from '@weigrid/shared';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const BULLETIN_HEADERS = ['名次', '编码', '名称', '得分', '上报', '受理', '结案', '结案率', '按期结案率', '返工率', '延期率', '平均响应(分钟)', '平均处置(分钟)', '满意度'] as const;

/** exceljs is large: loaded on the first export, not at boot. */
async function loadExcel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return m.default ?? m;
}

/** 月通报 as a workbook: title, the score formula, and one row per child node in rank order. */
export async function bulletinXlsx(b: BulletinDto): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'weigrid';
  const ws = wb.addWorksheet('月通报');
  ws.mergeCells(1, 1, 1, BULLETIN_HEADERS.length);
  ws.getCell(1, 1).value = `${b.node.name} ${b.month} 月通报`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, BULLETIN_HEADERS.length);
  ws.getCell(2, 1).value = b.formula;
  ws.addRow([...BULLETIN_HEADERS]).font = { bold: true };
  [6, 18, 18, 8, 8, 8, 8, 9, 11, 9, 9, 14, 14, 8].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(2).numFmt = '@';
  for (const c of [8, 9, 10, 11]) ws.getColumn(c).numFmt = '0.0%';
  for (const r of b.rows) {
    const k = r.kpis;
    ws.addRow([r.rank, r.code, r.name, r.score ?? '无数据', k.reported, k.accepted, k.closed, k.closeRate, k.onTimeRate, k.reworkRate, k.extensionRate, k.responseAvgMin, k.handlingAvgMin, k.satisfactionAvg]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A printable page (A4, print to PDF from the browser) with a bar chart of the scores as inline SVG. */
export function bulletinHtml(b: BulletinDto): string {
  const barH = 22;
  const w = 520;
  const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="${w + 200}" height="${b.rows.length * barH + 10}" role="img" aria-label="得分">${b.rows
    .map((r, i) => {
      const y = i * barH + 5;
      const len = Math.max(0, ((r.score ?? 0) / 100) * w);
      return `<text x="0" y="${y + 15}" font-size="12">${esc(r.name)}</text><rect x="160" y="${y}" width="${len.toFixed(1)}" height="${barH - 6}" fill="#1f6feb"/><text x="${(165 + len).toFixed(1)}" y="${y + 14}" font-size="12">${r.score ?? '无数据'}</text>`;
    })
    .join('')}</svg>`;
  const rows = b.rows
    .map((r) => {
      const k = r.kpis;
      return `<tr><td>${r.rank}</td><td>${esc(r.code)}</td><td>${esc(r.name)}</td><td>${r.score ?? '无数据'}</td><td>${k.reported}</td><td>${k.accepted}</td><td>${k.closed}</td><td>${pct(k.closeRate)}</td><td>${pct(k.onTimeRate)}</td><td>${pct(k.reworkRate)}</td><td>${pct(k.extensionRate)}</td><td>${k.responseAvgMin ?? '—'}</td><td>${k.handlingAvgMin ?? '—'}</td><td>${k.satisfactionAvg ?? '—'}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.node.name)} ${b.month} 月通报</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2328}
h1{font-size:22px;margin:0 0 4px} .muted{color:#6e7781;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:12px;margin-top:12px} th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:right} th{background:#f6f8fa} td:nth-child(2),td:nth-child(3){text-align:left}
@page{size:A4 landscape;margin:12mm} @media print{body{margin:0}}
</style></head><body>
<h1>${esc(b.node.name)} ${b.month} 月通报</h1>
<div class="muted">统计期 ${b.from} 至 ${b.to}；全区域上报 ${b.kpis.reported} 件，结案率 ${pct(b.kpis.closeRate)}，按期结案率 ${pct(b.kpis.onTimeRate)}</div>
<div class="muted">${esc(b.formula)}</div>
<h2 style="font-size:16px">得分排名</h2>
${chart}
<table><thead><tr>${BULLETIN_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
