import Taro from '@tarojs/taro'
import { classifyLocationError, type GcjPoint, type PickedPlace } from '../services/location'

/** WeChat returns GCJ-02 directly; we keep it end to end. */
export async function currentPosition(): Promise<GcjPoint> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02' })
    return { lat: r.latitude, lng: r.longitude, crs: 'gcj02' }
  } catch (e) {
    throw classifyLocationError(e)
  }
}

/** WeChat's own map picker (works without the location permission). */
export const canPickOnMap = true
export async function pickOnMap(near?: GcjPoint): Promise<PickedPlace> {
  try {
    const r = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    return { lat: r.latitude, lng: r.longitude, crs: 'gcj02', name: r.name, address: r.address }
  } catch (e) {
    throw classifyLocationError(e)
  }
}

/** Opens the settings page; true when the user turned location back on. */
export async function openLocationSetting(): Promise<boolean> {
  try {
    const r = await Taro.openSetting()
    return !!r.authSetting['scope.userLocation']
  } catch {
    return false
  }
}

/** WeChat's own map with its 导航 button (GCJ-02, as stored). */
export async function openMap(p: { lat: number; lng: number; name: string; address?: string }): Promise<void> {
  await Taro.openLocation({ latitude: p.lat, longitude: p.lng, name: p.name, address: p.address ?? '', scale: 17 })
}
