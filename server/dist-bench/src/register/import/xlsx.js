import ExcelJS from 'exceljs';
import { PERSON_TAGS, RELATIONS } from '@weigrid/shared';
import { AppError } from '../../common/app-error.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './columns.js';
/** The downloadable template: headers, one example row, drop-downs for relation, and a 说明 sheet. */
export async function buildTemplate() {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'weigrid';
    const ws = wb.addWorksheet('人口');
    ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])));
    // Text format so that Excel keeps leading zeros and does not turn ID numbers into 1.1E+17.
    for (const key of ['gridCode', 'phone', 'idNumber', 'householdCode', 'room'])
        ws.getColumn(key).numFmt = '@';
    const relCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'relation') + 1;
    const letter = String.fromCharCode(64 + relCol);
    // One range rule (exceljs' worksheet-level API), not one rule per cell.
    ws.dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
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
function cellText(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number')
        return Number.isInteger(v) ? String(v) : String(v);
    if (typeof v === 'boolean')
        return v ? 'true' : 'false';
    if (v instanceof Date)
        return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
        if ('richText' in v)
            return v.richText.map((t) => t.text).join('');
        if ('text' in v && typeof v.text === 'string')
            return v.text;
        if ('result' in v)
            return cellText(v.result);
    }
    return String(v);
}
/**
 * Reads the first sheet. Wrong or missing headers reject the whole file (422 IMPORT_INVALID with
 * the expected and found headers); empty rows are skipped.
 */
export async function parseImportXlsx(buf) {
    const wb = new ExcelJS.Workbook();
    try {
        await wb.xlsx.load(buf);
    }
    catch {
        throw new AppError('IMPORT_INVALID', 'not a readable .xlsx file', { errors: [{ row: 0, column: null, problem: 'not_xlsx', message: 'the file is not an .xlsx workbook' }] });
    }
    const ws = wb.worksheets[0];
    if (!ws)
        throw new AppError('IMPORT_INVALID', 'the workbook has no sheet', { errors: [{ row: 0, column: null, problem: 'no_sheet', message: 'no sheet' }] });
    const header = ws.getRow(1).values.slice(1).map((v) => cellText(v).trim());
    while (header.length && header[header.length - 1] === '')
        header.pop();
    const expected = IMPORT_COLUMNS.map((c) => c.header);
    if (header.length !== expected.length || header.some((h, i) => h !== expected[i])) {
        throw new AppError('IMPORT_INVALID', 'the columns do not match the template', {
            errors: [{ row: 1, column: null, problem: 'wrong_columns', message: `expected columns ${expected.join(', ')}` }],
            expected,
            found: header,
        });
    }
    const out = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
        if (n === 1)
            return;
        const values = {};
        let any = false;
        IMPORT_COLUMNS.forEach((c, i) => {
            const t = cellText(r.getCell(i + 1).value).trim();
            if (t)
                any = true;
            values[c.key] = t;
        });
        if (any)
            out.push({ row: n, values });
    });
    if (out.length === 0)
        throw new AppError('IMPORT_INVALID', 'the sheet has no data rows', { errors: [{ row: 2, column: null, problem: 'empty', message: 'no data rows' }] });
    if (out.length > MAX_IMPORT_ROWS) {
        throw new AppError('IMPORT_INVALID', `at most ${MAX_IMPORT_ROWS} rows per file`, { errors: [{ row: 0, column: null, problem: 'too_many_rows', message: `${out.length} rows; split the file` }] });
    }
    return out;
}
//# sourceMappingURL=xlsx.js.map