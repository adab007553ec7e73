import { askPrivacy } from '../services/privacy'
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

/** H5 shows the summary inside the dialog itself. */
export function openPrivacyContract(): void {}
