import { useEffect, useState } from 'react'
import type { ChosenGrid } from '../components/report/GridChooser'
import { loadPresetGrid, presetGridCode } from '../services/entry'
import { useParams } from './useParams'

/**
 * The micro-grid a page was opened for (place QR code `scene=g=<code>`, or `?grid=<code>` from a
 * group card): loaded once; `failed` when the code names no micro-grid.
 */
export function usePresetGrid(): { grid?: ChosenGrid; failed: boolean } {
  const code = presetGridCode(useParams())
  const [grid, setGrid] = useState<ChosenGrid>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!code) return
    let alive = true
    loadPresetGrid(code).then(
      (g) => alive && setGrid(g),
      () => alive && setFailed(true)
    )
    return () => {
      alive = false
    }
  }, [code])
  return { grid, failed }
}
