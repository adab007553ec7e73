import { createStore } from './store'

/**
 * The privacy-agreement prompt, shared by both platforms. On WeChat the base library asks
 * (wx.onNeedPrivacyAuthorization) the first time a privacy API such as getLocation runs; on H5 we
 * ask before the first location or photo. Either way one dialog answers every waiting caller.
 */
export const privacyPrompt = createStore<boolean>(false)

/** The guide shipped as a page (用户隐私保护指引). */
export const PRIVACY_GUIDE = '/pages/privacy/index'

type Answer = (agreed: boolean) => void
let waiting: Answer[] = []

export function askPrivacy(answer: Answer): void {
  waiting.push(answer)
  privacyPrompt.set(true)
}

export function answerPrivacy(agreed: boolean): void {
  const answers = waiting
  waiting = []
  privacyPrompt.set(false)
  answers.forEach((a) => a(agreed))
}
