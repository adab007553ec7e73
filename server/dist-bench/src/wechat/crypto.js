import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
/**
 * WeChat open-data encryption (WXBizDataCrypt): AES-128-CBC with PKCS#7 padding, key = the
 * base64-decoded session_key, iv = base64 iv. The plaintext is JSON carrying a watermark whose
 * appid must equal ours before anything in it is trusted.
 */
export class WechatDecryptError extends Error {
}
export function decryptOpenData(sessionKey, encryptedData, iv, expectAppid) {
    const key = Buffer.from(sessionKey, 'base64');
    const ivBuf = Buffer.from(iv, 'base64');
    if (key.length !== 16)
        throw new WechatDecryptError('session key is not 16 bytes');
    if (ivBuf.length !== 16)
        throw new WechatDecryptError('iv is not 16 bytes');
    let text;
    try {
        const d = createDecipheriv('aes-128-cbc', key, ivBuf);
        d.setAutoPadding(true);
        text = Buffer.concat([d.update(Buffer.from(encryptedData, 'base64')), d.final()]).toString('utf8');
    }
    catch {
        throw new WechatDecryptError('cannot decrypt (wrong key, iv or data)');
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new WechatDecryptError('decrypted data is not JSON');
    }
    const wm = data?.watermark;
    if (!wm || wm.appid !== expectAppid)
        throw new WechatDecryptError('watermark appid does not match');
    return data;
}
/** The inverse, used by the fake WeChat server (and tests) to produce what the client would get. */
export function encryptOpenData(sessionKey, payload) {
    const iv = randomBytes(16);
    const c = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
    const enc = Buffer.concat([c.update(JSON.stringify(payload), 'utf8'), c.final()]);
    return { encryptedData: enc.toString('base64'), iv: iv.toString('base64') };
}
//# sourceMappingURL=crypto.js.map