import { useCallback, useState } from 'react'
import { api, ApiError } from '../services/api'
import type { LocateResultDto } from '../services/contracts'
import { LocationError, type GcjPoint, type LocationFailure, type PickedPlace } from '../services/location'
import { currentPosition, pickOnMap, openLocationSetting, canPickOnMap } from '../platform/location'
import { ensurePrivacyAgreed } from '../platform/privacy'

export interface LocationFlow {
  point?: PickedPlace
  status: 'idle' | 'locating' | 'located' | LocationFailure
  grid?: LocateResultDto
  gridLoading: boolean
  gridError?: ApiError
  canPickOnMap: boolean
  locate: () => Promise<void>
  pick: () => Promise<void>
  openSetting: () => Promise<void>
  setPoint: (p: PickedPlace) => Promise<void>
}

/**
 * Where the problem is and which micro-grid it will go to: getLocation (gcj02) after the privacy
 * agreement; when refused, the map picker or the settings page; every point is routed with
 * /grids/locate so the resident sees the destination before sending.
 */
export function useLocationFlow(initial?: PickedPlace): LocationFlow {
  const [point, setPointState] = useState<PickedPlace | undefined>(initial)
  const [status, setStatus] = useState<LocationFlow['status']>(initial ? 'located' : 'idle')
  const [grid, setGrid] = useState<LocateResultDto>()
  const [gridLoading, setGridLoading] = useState(false)
  const [gridError, setGridError] = useState<ApiError>()

  const route = useCallback(async (p: GcjPoint) => {
    setGridLoading(true)
    setGridError(undefined)
    setGrid(undefined)
    try {
      setGrid(await api.locate(p))
    } catch (e) {
      setGridError(e instanceof ApiError ? e : new ApiError(0, undefined))
    } finally {
      setGridLoading(false)
    }
  }, [])

  const setPoint = useCallback(
    async (p: PickedPlace) => {
      setPointState(p)
      setStatus('located')
      await route(p)
    },
    [route]
  )

  const locate = useCallback(async () => {
    if (!(await ensurePrivacyAgreed())) {
      setStatus('privacy')
      return
    }
    setStatus('locating')
    try {
      await setPoint(await currentPosition())
    } catch (e) {
      setStatus(e instanceof LocationError ? e.kind : 'failed')
    }
  }, [setPoint])

  const pick = useCallback(async () => {
    try {
      await setPoint(await pickOnMap(point))
    } catch (e) {
      if (!(e instanceof LocationError && e.kind === 'cancelled')) setStatus(e instanceof LocationError ? e.kind : 'failed')
    }
  }, [point, setPoint])

  const openSetting = useCallback(async () => {
    if (await openLocationSetting()) await locate()
  }, [locate])

  return { point, status, grid, gridLoading, gridError, canPickOnMap, locate, pick, openSetting, setPoint }
}
