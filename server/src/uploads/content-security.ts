import type { ModerationStatus } from './upload.entity.js';

/**
 * WeChat content security (msg_sec_check for text, media checks for images). Held content
 * (`review`, `risky`) is stored but shown to nobody but its author until a person clears it.
 * The default binding calls the WeChat module; tests and offline deployments may bind another.
 */
export interface ContentSecurity {
  checkText(text: string, ctx: { userId: number }): Promise<ModerationStatus>;
  checkImage(data: Buffer, ctx: { userId: number }): Promise<ModerationStatus>;
}

export const CONTENT_SECURITY = Symbol('CONTENT_SECURITY');

/** Worst verdict of several (risky > review > pass). */
export function worstVerdict(...v: ModerationStatus[]): ModerationStatus {
  return v.includes('risky') ? 'risky' : v.includes('review') ? 'review' : 'pass';
}

/** Used until a WeChat binding is configured: passes everything. */
export class PassAllContentSecurity implements ContentSecurity {
  async checkText(): Promise<ModerationStatus> {
    return 'pass';
  }
  async checkImage(): Promise<ModerationStatus> {
    return 'pass';
  }
}
