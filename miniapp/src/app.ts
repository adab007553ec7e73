import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { S } from './strings'
import { installPrivacyHandler } from './platform/privacy'
// restores the saved session and installs re-login before any page (e.g. one opened from a share card) calls the API
import './services/session'
import './app.css'

installPrivacyHandler()

// H5: the service worker written by scripts/make-sw.mjs keeps the resident pages on the phone, so
// a link opened offline still shows its page and a report made there waits in the queue.
if (process.env.TARO_ENV === 'h5' && process.env.NODE_ENV === 'production' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined))
  // a page not kept on the phone, opened offline: say why nothing opens instead of failing silently
  window.addEventListener('unhandledrejection', (e) => {
    const err = e.reason as { name?: string; message?: string } | undefined
    if (err && (err.name === 'ChunkLoadError' || /Loading (CSS )?chunk/.test(err.message ?? ''))) {
      e.preventDefault()
      void Taro.showToast({ title: S.offlinePage, icon: 'none', duration: 3000 })
    }
  })
}

function App({ children }: PropsWithChildren<unknown>) {
  return children
}

export default App
