import Taro from '@tarojs/taro'
import { API_BASE, ApiError, getAuthToken } from '../services/api'

/** WeChat cannot show an HTML page from our API without a web-view domain; its document viewer
 * opens the XLSX version, and its menu prints or forwards it. */
export async function openBulletin(node: string, month: string): Promise<void> {
  const token = getAuthToken()
  const res = await Taro.downloadFile({
    url: `${API_BASE}/stats/bulletin?node=${encodeURIComponent(node)}&month=${encodeURIComponent(month)}&format=xlsx`,
    header: token ? { authorization: `Bearer ${token}` } : {}
  }).catch(() => {
    throw new ApiError(0, undefined)
  })
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, undefined)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
