/** What the location flow tells the page, whichever platform produced it. */
export interface GcjPoint {
  lat: number
  lng: number
  crs: 'gcj02'
}

export interface PickedPlace extends GcjPoint {
  name?: string
  address?: string
}

/** denied: the user refused (offer the map or settings); off: the phone's location is off;
 * privacy: the privacy agreement was declined; cancelled: the user closed the picker. */
export type LocationFailure = 'denied' | 'off' | 'privacy' | 'cancelled' | 'unsupported' | 'failed'

export class LocationError extends Error {
  constructor(readonly kind: LocationFailure, detail?: string) {
    super(detail ?? kind)
  }
}

/** Maps the errMsg texts WeChat and browsers return to what the page should offer next. */
export function classifyLocationError(e: unknown): LocationError {
  if (e instanceof LocationError) return e
  const msg = String((e as { errMsg?: string; message?: string } | undefined)?.errMsg ?? (e as Error | undefined)?.message ?? e)
  if (/privacy/i.test(msg)) return new LocationError('privacy', msg)
  if (/cancel/i.test(msg)) return new LocationError('cancelled', msg)
  if (/auth deny|auth denied|authorize:fail|permission denied|user denied|denied geolocation|User denied/i.test(msg)) return new LocationError('denied', msg)
  if (/LOCATIONSWITCHOFF|system permission|location service|POSITION_UNAVAILABLE|unavailable/i.test(msg)) return new LocationError('off', msg)
  if (/not supported|not support|LOCATION_APIKEY/i.test(msg)) return new LocationError('unsupported', msg)
  return new LocationError('failed', msg)
}
