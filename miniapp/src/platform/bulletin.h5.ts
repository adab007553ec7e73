import { isErrorEnvelope } from '@weigrid/shared'
import { API_BASE, ApiError, getAuthToken } from '../services/api'

/**
 * The 月通报 is served with the session's Bearer token, which a plain link cannot carry: fetch
 * the printable HTML and write it into a tab opened during the tap (so no popup blocker stops it).
 */
export async function openBulletin(node: string, month: string): Promise<void> {
  const tab = window.open('', '_blank')
  let res: Response
  try {
    const token = getAuthToken()
    res = await fetch(`${API_BASE}/stats/bulletin?node=${encodeURIComponent(node)}&month=${encodeURIComponent(month)}&format=html`, {
      headers: token ? { authorization: `Bearer ${token}` } : {}
    })
  } catch {
    tab?.close()
    throw new ApiError(0, undefined)
  }
  if (!res.ok) {
    tab?.close()
    const body = await res.json().catch(() => undefined)
    throw new ApiError(res.status, isErrorEnvelope(body) ? body : undefined)
  }
  const html = await res.text()
  if (tab) {
    tab.document.open()
    tab.document.write(html)
    tab.document.close()
  } else {
    window.location.assign(URL.createObjectURL(new Blob([html], { type: 'text/html' })))
  }
}
