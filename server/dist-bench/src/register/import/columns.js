/**
 * The people import sheet: one row per person; rows with the same place and 户编号 form one
 * household. Headers are matched exactly (after trimming) so a file from another template is
 * refused as a whole instead of being half-understood.
 */
export const IMPORT_COLUMNS = [
    { key: 'gridCode', header: '微网格编码', required: true, width: 22, example: '510104017001001001' },
    { key: 'address', header: '地址', required: true, width: 30, example: '锦江区春熙路街道红星路二段12号' },
    { key: 'building', header: '楼栋', required: false, width: 8, example: '3栋' },
    { key: 'unit', header: '单元', required: false, width: 8, example: '2单元' },
    { key: 'room', header: '房号', required: false, width: 8, example: '501' },
    { key: 'householdCode', header: '户编号', required: false, width: 12, example: 'H0001' },
    { key: 'name', header: '姓名', required: true, width: 10, example: '王小明' },
    { key: 'relation', header: '与户主关系', required: true, width: 10, example: '户主' },
    { key: 'phone', header: '手机号', required: false, width: 14, example: '13800138000' },
    { key: 'idNumber', header: '身份证号', required: false, width: 22, example: '11010519491231002X' },
    { key: 'birthYear', header: '出生年份', required: false, width: 10, example: '1949' },
    { key: 'tags', header: '标签', required: false, width: 20, example: '独居老人、低保' },
];
export const MAX_IMPORT_ROWS = 50_000;
//# sourceMappingURL=columns.js.map