import Taro from '@tarojs/taro'
import { loadValue, saveValue } from '../services/storage'

/**
 * The browser has no wx.login. In dev and tests the fake WeChat server hands out `test:<openid>`
 * codes from `/__dev/login-code`; this browser keeps its openid so it stays the same user.
 * Base URL: TARO_APP_DEV_WECHAT_BASE at build time (scripts/start.mjs sets it), overridable in storage (`weigrid.wechatDevBase`)
 * so one H5 build can point at a fake started on any port.
 */
export const DEV_BASE_KEY = 'weigrid.wechatDevBase'
export const DEV_OPENID_KEY = 'weigrid.devOpenid'

export async function getLoginCode(): Promise<string> {
  const base = loadValue<string>(DEV_BASE_KEY, process.env.TARO_APP_DEV_WECHAT_BASE ?? 'http://127.0.0.1:3901')
  const openid = loadValue<string>(DEV_OPENID_KEY, '')
  const url = `${base.replace(/\/$/, '')}/__dev/login-code${openid ? `?openid=${encodeURIComponent(openid)}` : ''}`
  const r = await Taro.request<{ code?: string; openid?: string }>({ url, method: 'GET', timeout: 10000 })
  if (r.statusCode !== 200 || !r.data?.code) throw new Error(`login-code: HTTP ${r.statusCode}`)
  if (r.data.openid) saveValue(DEV_OPENID_KEY, r.data.openid)
  return r.data.code
}
