import { askPrivacy, PRIVACY_GUIDE } from '../services/privacy'
import { nav } from '../services/nav'
import { KEYS, loadValue, saveValue } from '../services/storage'

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

export function installPrivacyHandler(): void {
  /* the browser has no privacy event: ensurePrivacyAgreed() asks before first use */
}

/** Asks once, before the first location or photo; the answer is kept. */
export function ensurePrivacyAgreed(): Promise<boolean> {
  if (loadValue<boolean>(KEYS.privacyAgreed, false) === true) return Promise.resolve(true)
  return new Promise((resolve) =>
    askPrivacy((agreed) => {
      if (agreed) saveValue(KEYS.privacyAgreed, true)
      resolve(agreed)
    })
  )
}

export function agreeButtonProps(onAgree: () => void): Record<string, unknown> {
  return { id: PRIVACY_AGREE_BUTTON_ID, onClick: onAgree }
}

/** The browser has no WeChat guide: the guide shipped as a page. */
export function openPrivacyContract(): void {
  nav.to(PRIVACY_GUIDE)
}
