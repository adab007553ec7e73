import Taro from '@tarojs/taro'

/** Local storage that never throws: a full or unavailable store must not break a page. */
export function loadValue<T>(key: string, fallback: T): T {
  try {
    const v = Taro.getStorageSync(key)
    return v === '' || v === undefined || v === null ? fallback : (v as T)
  } catch {
    return fallback
  }
}

export function saveValue(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

export function removeValue(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    /* nothing to remove */
  }
}

/** Keys in one place so two features never collide. */
export const KEYS = {
  elder: 'weigrid.elder',
  privacyAgreed: 'weigrid.privacyAgreed',
  session: 'weigrid.session',
  reportQueue: 'weigrid.reportQueue',
  reportDraft: 'weigrid.reportDraft',
  subscribeAsked: 'weigrid.subscribeAsked',
  myGrid: 'weigrid.myGrid',
  /** The last /overview answer: the home page draws its categories at once, then refreshes them */
  overview: 'weigrid.overview',
  householdAddress: 'weigrid.householdAddress',
  /** + `.<campaign id>`: what was typed into that campaign's form and not yet accepted */
  campaignDraft: 'weigrid.campaignDraft',
  /** The id of an event just reported from a care visit's 发起事件 (read once by the visit form) */
  raisedEvent: 'weigrid.raisedEvent'
} as const
