import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../components/ui'
import { useState } from 'react'
import { ROLE_LABEL, isRole } from '@weigrid/shared'
import { api, ApiError } from '../../services/api'
import { ensureSession, updateUser } from '../../services/session'
import { Page } from '../../components/Page'
import { nav } from '../../services/nav'
import { useParams } from '../../hooks/useParams'
import { S } from '../../strings'

/** Opened by an invite QR (`scene=inv=<code>`) or from 我的 → 输入邀请码. */
export function codeFromScene(scene: string | undefined): string {
  const s = decodeURIComponent(scene ?? '')
  const m = /(?:^|&)inv=([^&]+)/.exec(s)
  return m ? m[1]! : ''
}

export default function Invite() {
  const params = useParams()
  const [code, setCode] = useState(params.code ?? codeFromScene(params.scene))
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [granted, setGranted] = useState<string>()
  const accept = async () => {
    const c = code.trim()
    if (!c) return setError(S.invite.errCode)
    setBusy(true)
    setError(undefined)
    try {
      await ensureSession()
      const me = await api.acceptInvite(c)
      updateUser(me)
      setGranted(me.roles.map((g) => `${isRole(g.role) ? ROLE_LABEL[g.role] : g.role}（${g.nodeName}）`).join('、'))
    } catch (e) {
      setError(e instanceof ApiError ? e.userMessage : S.mine.loginFailed)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{S.invite.title}</Text>
        <Text className='muted block'>{S.invite.hint}</Text>
        <Input className='textarea input' value={code} placeholder={S.invite.placeholder} onInput={(e) => setCode(e.detail.value)} data-testid='invite-code' />
        {error && <Text className='error block' data-testid='invite-error'>{error}</Text>}
        <Button type='primary' size='large' onClick={() => void accept()} loading={busy} disabled={busy} data-testid='invite-accept'>{S.invite.accept}</Button>
      </View>
      {granted && (
        <View className='card' data-testid='invite-granted'>
          <Text className='field-label'>{S.invite.accepted}</Text>
          <Text className='block'>{granted}</Text>
          <Text className='link' onClick={() => nav.tab('/pages/mine/index')}>{S.mine.title}</Text>
        </View>
      )}
    </Page>
  )
}
