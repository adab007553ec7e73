import { PropsWithChildren } from 'react'
import { installPrivacyHandler } from './platform/privacy'
import './app.css'

installPrivacyHandler()

function App({ children }: PropsWithChildren<unknown>) {
  return children
}

export default App
