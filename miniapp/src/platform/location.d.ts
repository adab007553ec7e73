// Implemented by location.weapp.ts and location.h5.ts.
import type { GcjPoint, PickedPlace } from '../services/location'
export declare function currentPosition(): Promise<GcjPoint>
export declare const canPickOnMap: boolean
export declare function pickOnMap(near?: GcjPoint): Promise<PickedPlace>
export declare function openLocationSetting(): Promise<boolean>
/** Shows the place on a map with the platform's navigation (WeChat's openLocation; a map web page in the browser). */
export declare function openMap(p: { lat: number; lng: number; name: string; address?: string }): Promise<void>
