import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { decryptOpenData, encryptOpenData, WechatDecryptError } from './crypto.js';

// WeChat's own published sample (WXBizDataCrypt demo), copied from ../shared/data.
const vector = JSON.parse(readFileSync(new URL('../../test/fixtures/wechat-decrypt-vector.json', import.meta.url), 'utf8')) as {
  appId: string;
  sessionKey: string;
  iv: string;
  encryptedData: string;
  expected: { openId: string; unionId: string; watermark: { appid: string; timestamp: number } };
};

describe('WeChat open-data decryption', () => {
  it('decrypts the official sample to the documented fields', () => {
    const d = decryptOpenData<{ openId: string; unionId: string }>(vector.sessionKey, vector.encryptedData, vector.iv, vector.appId);
    expect(d.openId).toBe(vector.expected.openId);
    expect(d.unionId).toBe(vector.expected.unionId);
    expect(d.watermark).toEqual(vector.expected.watermark);
  });

  it('refuses the official sample when the watermark appid is not ours', () => {
    expect(() => decryptOpenData(vector.sessionKey, vector.encryptedData, vector.iv, 'wx0000000000000000')).toThrow(/watermark appid/);
  });

  it('refuses a wrong session key, a wrong iv and tampered data', () => {
    const otherKey = randomBytes(16).toString('base64');
    expect(() => decryptOpenData(otherKey, vector.encryptedData, vector.iv, vector.appId)).toThrow(WechatDecryptError);
    const ivBytes = Buffer.from(vector.iv, 'base64');
    ivBytes[0]! ^= 0xff;
    // A flipped iv byte garbles the first block: either bad JSON or a failed check, never success.
    expect(() => decryptOpenData(vector.sessionKey, vector.encryptedData, ivBytes.toString('base64'), vector.appId)).toThrow(WechatDecryptError);
    expect(() => decryptOpenData(vector.sessionKey, vector.encryptedData.slice(0, 40), vector.iv, vector.appId)).toThrow(WechatDecryptError);
    expect(() => decryptOpenData('short', vector.encryptedData, vector.iv, vector.appId)).toThrow(/16 bytes/);
  });

  it('round-trips group share info produced the way the fake server produces it', () => {
    const key = randomBytes(16).toString('base64');
    const { encryptedData, iv } = encryptOpenData(key, { openGId: 'G-123', watermark: { appid: 'wxapp', timestamp: 1 } });
    expect(decryptOpenData<{ openGId: string }>(key, encryptedData, iv, 'wxapp').openGId).toBe('G-123');
  });
});
