import { api, getAuthToken } from './api'
import type { SubscribeTemplateDto, SubscribeTemplateKey } from './contracts'
import { requestSubscribe } from '../platform/subscribe'

/**
 * Subscribe-message opt-in. WeChat grants one send per accepted template and only from a tap, so
 * the template ids are fetched ahead (prefetchTemplates on page load) and `askSubscribe` is called
 * first thing in the tap handler, before any await. The answers go to the server, which keeps the
 * credits and never pushes without one.
 */
let templates: SubscribeTemplateDto[] | undefined

export async function prefetchTemplates(): Promise<void> {
  // logged out there is nothing to ask for yet; asking anyway put a 401 (and a re-login) in the console
  if (!getAuthToken()) return
  try {
    templates = await api.subscriptions()
  } catch {
    /* not logged in yet, or no templates configured: nothing to ask */
  }
}

export function askSubscribe(keys: SubscribeTemplateKey[]): void {
  const ids = (templates ?? []).filter((t) => keys.includes(t.key)).map((t) => t.templateId)
  if (!ids.length) return
  void requestSubscribe(ids).then(
    (results) => {
      if (Object.keys(results).length) return api.reportSubscriptions({ results }).then((t) => (templates = t))
    },
    () => undefined
  )
}
