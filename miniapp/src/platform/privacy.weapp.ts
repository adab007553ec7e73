import Taro from '@tarojs/taro'
import { askPrivacy, PRIVACY_GUIDE } from '../services/privacy'
import { nav } from '../services/nav'

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

/** WeChat asks when a privacy API is first used; we show our dialog and pass the answer back. */
export function installPrivacyHandler(): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    askPrivacy((agreed) =>
      resolve(agreed ? { buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' })
    )
  })
}

/** WeChat itself triggers the prompt when a privacy API needs it, so nothing to do up front. */
export function ensurePrivacyAgreed(): Promise<boolean> {
  return Promise.resolve(true)
}

/** The agree button must be a real `open-type="agreePrivacyAuthorization"` button on WeChat. */
export function agreeButtonProps(onAgree: () => void): Record<string, unknown> {
  return { id: PRIVACY_AGREE_BUTTON_ID, openType: 'agreePrivacyAuthorization', onAgreePrivacyAuthorization: onAgree }
}

/** WeChat's own guide (set in the mini-program admin); the guide shipped as a page when it cannot open. */
export function openPrivacyContract(): void {
  if (typeof Taro.openPrivacyContract !== 'function') return nav.to(PRIVACY_GUIDE)
  Taro.openPrivacyContract({ fail: () => nav.to(PRIVACY_GUIDE) })
}
