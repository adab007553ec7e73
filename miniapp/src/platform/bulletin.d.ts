// Implemented by bulletin.h5.ts (the printable HTML page in a new tab) and bulletin.weapp.ts
// (the XLSX opened in WeChat's document viewer, which can print and forward it).
export declare function openBulletin(node: string, month: string): Promise<void>
