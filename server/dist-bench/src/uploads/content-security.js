export const CONTENT_SECURITY = Symbol('CONTENT_SECURITY');
/** Worst verdict of several (risky > review > pass). */
export function worstVerdict(...v) {
    return v.includes('risky') ? 'risky' : v.includes('review') ? 'review' : 'pass';
}
/** Used until a WeChat binding is configured: passes everything. */
export class PassAllContentSecurity {
    async checkText() {
        return 'pass';
    }
    async checkImage() {
        return 'pass';
    }
}
//# sourceMappingURL=content-security.js.map