import Taro from '@tarojs/taro'

/** A one-time code from WeChat; the server trades it for the openid (jscode2session). */
export async function getLoginCode(): Promise<string> {
  const r = await Taro.login()
  if (!r.code) throw new Error(r.errMsg || 'wx.login returned no code')
  return r.code
}
