import { api, ApiError, setAuthToken, setReauthenticate } from './api'
import type { AuthTokensDto, MeDto } from './contracts'
import { getLoginCode } from '../platform/login'
import { createStore } from './store'
import { KEYS, loadValue, removeValue, saveValue } from './storage'

export interface Session {
  accessToken: string
  refreshToken: string
  user: MeDto
}

function fromTokens(t: AuthTokensDto): Session {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, user: t.user }
}

const saved = loadValue<Session | null>(KEYS.session, null)
export const session = createStore<Session | null>(saved && saved.accessToken ? saved : null)
setAuthToken(session.get()?.accessToken)

function keep(s: Session | null): void {
  if (s) saveValue(KEYS.session, s)
  else removeValue(KEYS.session)
  setAuthToken(s?.accessToken)
  session.set(s)
}

let pending: Promise<Session> | undefined

/** wx.login (or the H5 dev code) → our own session. Concurrent callers share one login. */
export function login(): Promise<Session> {
  pending ??= (async () => {
    try {
      const code = await getLoginCode()
      const s = fromTokens(await api.loginWechat(code))
      keep(s)
      return s
    } finally {
      pending = undefined
    }
  })()
  return pending
}

/** The current session, logging in silently when there is none. */
export async function ensureSession(): Promise<Session> {
  return session.get() ?? login()
}

export function logout(): void {
  keep(null)
}

/** Replaces the user after /me or an edit, keeping the tokens. */
export function updateUser(user: MeDto): void {
  const s = session.get()
  if (s) keep({ ...s, user })
}

/** An expired access token: try the refresh token once, else log in again (silent on WeChat). */
setReauthenticate(async () => {
  const s = session.get()
  if (s?.refreshToken) {
    try {
      keep(fromTokens(await api.refresh(s.refreshToken)))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) return false
    }
  }
  try {
    await login()
    return true
  } catch {
    keep(null)
    return false
  }
})

export function hasRole(s: Session | null, roles: readonly string[]): boolean {
  return !!s?.user.roles.some((g) => roles.includes(g.role))
}
