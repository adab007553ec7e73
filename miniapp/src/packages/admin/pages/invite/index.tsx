import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { GRANTABLE, ROLE_LABEL, ROLE_LEVELS, GRID_LEVEL_LABEL, type Role, type GridLevel } from '@weigrid/shared'
import { api, ApiError } from '../../../../services/api'
import type { InviteDto } from '../../../../services/contracts'
import { formatTime } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { AuthImage } from '../../../../components/AuthImage'
import { useStore } from '../../../../hooks/useStore'
import { session } from '../../../../services/session'
import { GridChooser, type ChosenGrid } from '../../../../components/report/GridChooser'
import { S } from '../../../../strings'

/** The roles this page offers; which of them the admin may hand out is GRANTABLE's to say. */
const INVITABLE: readonly Role[] = ['micro_member', 'micro_leader', 'grid_worker', 'community_admin', 'street_admin', 'district_admin']
/** Where each invitable role is held: the one level ROLE_LEVELS allows it at. */
const roleAt = (role: Role): GridLevel => ROLE_LEVELS[role][0]!

/** An admin invites a grid worker or another admin: role + node → one-time code (and QR). */
export default function AdminInvite() {
  const me = useStore(session)
  const grants = me?.user.roles ?? []
  const roles = useMemo(() => INVITABLE.filter((r) => grants.some((g) => GRANTABLE[g.role]?.includes(r))), [grants])
  // the tree opens at my own node (the highest I hold), not at the city five taps away
  const home = [...grants].filter((g) => GRANTABLE[g.role]?.length).sort((a, b) => a.nodeCode.length - b.nodeCode.length)[0]
  const [role, setRole] = useState<Role>('micro_member')
  const [copied, setCopied] = useState(false)
  const [node, setNode] = useState<ChosenGrid>()
  const [choosing, setChoosing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [invite, setInvite] = useState<InviteDto>()
  useShareAppMessage(() => ({ title: `${S.invite.title}：${invite ? ROLE_LABEL[invite.role] : ''}`, path: `/pages/invite/index?code=${invite?.code ?? ''}` }))
  const send = async () => {
    if (!node) return setError(S.invite.node)
    setBusy(true)
    setError(undefined)
    try {
      setInvite(await api.createInvite({ role, nodeCode: node.code }))
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, undefined)
      setError([err.userMessage, ...Object.values(err.shownFieldErrors)].join('：'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <View className='card'>
        <Text className='field-label'>{S.invite.role}</Text>
        <View className='chips'>
          {roles.map((r) => (
            <Text key={r} className={`chip${r === role ? ' chip-on' : ''}`} onClick={() => { setRole(r); setNode(undefined) }} data-testid={`role-${r}`}>
              {ROLE_LABEL[r]}
            </Text>
          ))}
        </View>
        <Text className='field-label'>{`${S.invite.node}（${GRID_LEVEL_LABEL[roleAt(role)]}）`}</Text>
        <Text className={node ? 'block' : 'muted block'} data-testid='invite-node'>{node ? node.path.map((p) => p.name).join(' / ') : S.grid.choose}</Text>
        <Button size='small' onClick={() => setChoosing(true)} data-testid='invite-choose-node'>{S.grid.choose}</Button>
        {error && <Text className='error block' data-testid='invite-error'>{error}</Text>}
        <Button type='primary' size='large' onClick={() => void send()} loading={busy} disabled={busy} data-testid='invite-send'>{S.invite.send}</Button>
      </View>
      {invite && (
        <View className='card' data-testid='invite-result'>
          <Text className='block'>{S.invite.created}</Text>
          <Text className='goes-to-name' data-testid='invite-code-value'>{invite.code}</Text>
          <Text className='muted block'>{`${ROLE_LABEL[invite.role]} · ${invite.nodeName} · ${S.invite.expires} ${formatTime(invite.expiresAt)}`}</Text>
          <Button
            size='small'
            type='primary'
            onClick={() => void Taro.setClipboardData({ data: invite.code }).then(() => setCopied(true), () => setCopied(false))}
            data-testid='invite-copy'
          >
            {copied ? S.invite.copied : S.invite.copy}
          </Button>
          <Text className='muted block'>{S.invite.qrHint}</Text>
          <AuthImage src={invite.qrPath} className='invite-qr' alt={S.invite.qrAlt} />
        </View>
      )}
      {choosing && (
        <GridChooser
          canPick={(level) => level === roleAt(role)}
          start={home ? [{ code: home.nodeCode, name: home.nodeName, level: home.nodeLevel }] : undefined}
          onChoose={(g) => {
            setNode(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </Page>
  )
}
