// Implemented by location.weapp.ts and location.h5.ts.
import type { GcjPoint, PickedPlace } from '../services/location'
export declare function currentPosition(): Promise<GcjPoint>
export declare const canPickOnMap: boolean
export declare function pickOnMap(near?: GcjPoint): Promise<PickedPlace>
export declare function openLocationSetting(): Promise<boolean>
