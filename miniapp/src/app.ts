import { PropsWithChildren } from 'react'
import { installPrivacyHandler } from './platform/privacy'
// restores the saved session and installs re-login before any page (e.g. one opened from a share card) calls the API
import './services/session'
import './app.css'

installPrivacyHandler()

function App({ children }: PropsWithChildren<unknown>) {
  return children
}

export default App
