import { useEffect, useState } from 'react'
import type { GroupBindingDto } from '../services/contracts'
import { api } from '../services/api'
import { ensureSession } from '../services/session'
import { enableGroupShare, groupInfo, openedFromGroup } from '../platform/group'
import { getLoginCode } from '../platform/login'

export type GroupEntry =
  | { status: 'none' }
  | { status: 'resolving' }
  | { status: 'bound'; node: NonNullable<GroupBindingDto['node']> }
  | { status: 'unbound' }
  | { status: 'failed' }

/**
 * Cards shared from a page using this carry a shareTicket; a page opened from a card in a group
 * chat (scene 1044) asks which micro-grid a grid worker bound that group to: a fresh wx.login code
 * first (the session key the share info is encrypted with), then getShareInfo, then
 * `POST /share/groups/resolve`. `none` when not opened from a group card (and always on H5).
 */
export function useGroupEntry(): GroupEntry {
  const [entry, setEntry] = useState<GroupEntry>({ status: 'none' })
  useEffect(() => {
    enableGroupShare()
    let alive = true
    void (async () => {
      try {
        // not from a group card: nothing is asked of WeChat or the server
        if (!openedFromGroup()) return
        setEntry({ status: 'resolving' })
        await ensureSession()
        const code = await getLoginCode()
        const info = await groupInfo()
        if (!info) return
        const r = await api.resolveGroup({ code, ...info })
        if (alive) setEntry(r.node ? { status: 'bound', node: r.node } : { status: 'unbound' })
      } catch {
        if (alive) setEntry({ status: 'failed' })
      }
    })()
    return () => {
      alive = false
    }
  }, [])
  return entry
}
