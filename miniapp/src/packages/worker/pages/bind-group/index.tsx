import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import { useParams } from '../../../../hooks/useParams'
import { getLoginCode } from '../../../../platform/login'
import { enableGroupShare, groupInfo, groupsSupported } from '../../../../platform/group'
import { Page } from '../../../../components/Page'
import { GridChooser, type ChosenGrid } from '../../../../components/report/GridChooser'
import { S } from '../../../../strings'

/**
 * Binding a micro-grid to its WeChat group: the worker shares this page into the group, opens the
 * card there, and taps 绑定. The server decrypts the group id (opengid) with a fresh login.
 */
export default function BindGroup() {
  const params = useParams()
  const [node, setNode] = useState<ChosenGrid | undefined>(params.node ? { code: params.node, name: params.name ?? params.node, path: [] } : undefined)
  const [choosing, setChoosing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string>()
  const [error, setError] = useState<string>()
  useEffect(() => enableGroupShare(), [])
  useShareAppMessage(() => ({
    title: `${S.group.title}${node ? `：${node.name}` : ''}`,
    path: `/packages/worker/pages/bind-group/index?node=${node?.code ?? ''}&name=${encodeURIComponent(node?.name ?? '')}`
  }))
  const bind = async () => {
    if (!node) return setError(S.group.choose)
    setBusy(true)
    setError(undefined)
    try {
      const info = await groupInfo()
      if (!info) throw new Error(S.group.notInGroup)
      const code = await getLoginCode()
      const r = await api.bindGroup({ code, ...info, nodeCode: node.code })
      setResult(`${S.group.bound}${r.node?.name ?? node.name}`)
    } catch (e) {
      setError(e instanceof ApiError ? e.userMessage : (e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{S.group.title}</Text>
        <Text className='block'>{S.group.hint}</Text>
        {!groupsSupported && <Text className='warn block'>{S.group.h5}</Text>}
        <Text className={node ? 'block' : 'muted block'}>{node ? node.name : S.group.choose}</Text>
        <Button size='small' onClick={() => setChoosing(true)}>{S.grid.choose}</Button>
        {error && <Text className='error block'>{error}</Text>}
        {result && <Text className='block state-chip state-done'>{result}</Text>}
        <Button type='primary' size='large' onClick={() => void bind()} loading={busy} disabled={busy || !groupsSupported}>{S.group.bind}</Button>
      </View>
      {choosing && (
        <GridChooser
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
