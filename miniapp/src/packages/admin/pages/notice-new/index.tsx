import { View, Text } from '@tarojs/components'
import { Button, Input, Textarea, Switch } from '../../../../components/ui'
import { useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import { Page } from '../../../../components/Page'
import { GridChooser, type ChosenGrid } from '../../../../components/report/GridChooser'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'

const TITLE_MAX = 60
const BODY_MAX = 2000

/** 指令直达: an instruction to every worker in a subtree, optionally to be acknowledged. */
export default function NoticeNew() {
  const [target, setTarget] = useState<ChosenGrid>()
  const [choosing, setChoosing] = useState(false)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [needAck, setNeedAck] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const send = async () => {
    const e: Record<string, string> = {}
    if (!target) e.nodeCode = S.notice.errTarget
    if (!title.trim()) e.title = S.notice.errTitle
    if (!body.trim()) e.body = S.notice.errBody
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    setError(undefined)
    try {
      const n = await api.sendNotice({
        nodeCode: target!.code,
        title: title.trim(),
        body: body.trim(),
        ...(needAck ? { ackDeadline: new Date(Date.now() + 24 * 3600_000).toISOString() } : {})
      })
      nav.redirect(`/packages/admin/pages/notices/index?id=${n.id}`)
    } catch (err) {
      const a = err instanceof ApiError ? err : new ApiError(0, undefined)
      setErrors(a.shownFieldErrors)
      setError(a.userMessage)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <View className='card'>
        <Text className='field-label'>{S.notice.target}</Text>
        <Text className={target ? 'block' : 'muted block'} data-testid='notice-target'>{target ? target.path.map((p) => p.name).join(' / ') || target.name : S.grid.choose}</Text>
        <Button size='small' onClick={() => setChoosing(true)} data-testid='notice-choose-target'>{S.grid.choose}</Button>
        {errors.nodeCode && <Text className='error block'>{errors.nodeCode}</Text>}
        <Text className='field-label'>{S.notice.title}</Text>
        <Input label={S.notice.title} className='textarea input' value={title} maxlength={TITLE_MAX} onInput={(ev) => setTitle(ev.detail.value)} data-testid='notice-title' />
        {errors.title && <Text className='error block'>{errors.title}</Text>}
        <Text className='field-label'>{S.notice.body}</Text>
        <Textarea label={S.notice.body} className='textarea' value={body} maxlength={BODY_MAX} onInput={(ev) => setBody(ev.detail.value)} data-testid='notice-body' />
        <Text className='counter'>{`${body.trim().length}/${BODY_MAX}`}</Text>
        {errors.body && <Text className='error block'>{errors.body}</Text>}
        <View className='row between'>
          <Text>{S.notice.needAckLabel}</Text>
          <Switch label={S.notice.needAckLabel} checked={needAck} onChange={(ev) => setNeedAck(!!ev.detail.value)} />
        </View>
        {error && <Text className='error block' data-testid='notice-error'>{error}</Text>}
        <Button type='primary' size='large' onClick={() => void send()} loading={busy} disabled={busy} data-testid='notice-send'>{S.notice.send}</Button>
      </View>
      {choosing && (
        <GridChooser
          canPick={() => true}
          onChoose={(g) => {
            setTarget(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </Page>
  )
}
