import { api } from './api'
import type { ChosenGrid } from '../components/report/GridChooser'

/**
 * Entry paths from WeChat that name a micro-grid: a place / virtual micro-grid QR code
 * (`GET /share/qrcode` → `page=pages/report/index`, `scene=g=<code>`, which WeChat hands to the page
 * URL-encoded as `options.scene`) and the report button of a group card (`?grid=<code>`).
 */
export function gridCodeFromScene(scene: string | undefined): string {
  let s = scene ?? ''
  try {
    s = decodeURIComponent(s)
  } catch {
    return ''
  }
  const m = /(?:^|&)g=(\d{4,21})(?:&|$)/.exec(s)
  return m ? m[1]! : ''
}

/** The grid code an opened page was pre-set to, from `?grid=` or a QR code's scene ('' when none). */
export function presetGridCode(params: Partial<Record<string, string>>): string {
  if (params.grid && /^\d{4,21}$/.test(params.grid)) return params.grid
  return gridCodeFromScene(params.scene)
}

/** The micro-grid with its path (as the grid chooser gives it); rejects a code that is not a micro-grid. */
export async function loadPresetGrid(code: string): Promise<ChosenGrid> {
  const path = await api.gridPath(code)
  const node = path[path.length - 1]
  if (!node || node.code !== code || node.level !== 'micro') throw new Error(`${code} is not a micro-grid`)
  return { code: node.code, name: node.name, path }
}
