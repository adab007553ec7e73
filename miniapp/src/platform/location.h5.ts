import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import { classifyLocationError, LocationError, type GcjPoint, type PickedPlace } from '../services/location'

/** Browsers give WGS-84; we convert at the edge so everything downstream is GCJ-02. */
export async function currentPosition(): Promise<GcjPoint> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84' })
    const [lng, lat] = gcoord.transform([r.longitude, r.latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number]
    return { lat, lng, crs: 'gcj02' }
  } catch (e) {
    throw classifyLocationError(e)
  }
}

/** Taro's H5 picker needs a Tencent Maps key and a network path to it; the page offers choosing
 * the micro-grid from the list instead. */
export const canPickOnMap = false
export async function pickOnMap(_near?: GcjPoint): Promise<PickedPlace> {
  throw new LocationError('unsupported')
}

/** Browsers keep the permission in their own settings; the page explains where. */
export async function openLocationSetting(): Promise<boolean> {
  return false
}

/** Amap's public marker page (GCJ-02 like our points): on a phone it offers 导航 and opens the map app. */
export async function openMap(p: { lat: number; lng: number; name: string; address?: string }): Promise<void> {
  const q = `position=${p.lng},${p.lat}&name=${encodeURIComponent(p.name)}&coordinate=gaode&callnative=1`
  window.open(`https://uri.amap.com/marker?${q}`, '_blank', 'noopener')
}
