import { View, Text, Button } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import type { ClaimDto } from '../../../../services/contracts'
import { usePagedList } from '../../../../hooks/usePagedList'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'
import { RS } from '../../strings'
import { TextField } from '../../components/Fields'
import { useFormSave } from '../../registerForm'

const C = RS.claims

/**
 * 居民认领申请 (staff who may write the register): residents' pending claims on household records in
 * my grids, oldest first. Confirming links the claimant to the record; rejecting tells them why.
 */
export default function Claims() {
  const list = usePagedList((cursor) => api.claims(cursor), [])
  useReachBottom(list.loadMore)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <Page>
      <Text className='muted block'>{C.intro}</Text>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((c) => <ClaimCard key={c.id} claim={c} onDone={list.reload} />)}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}

function ClaimCard(props: { claim: ClaimDto; onDone: () => void }) {
  const c = props.claim
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const { formError, sending, submit } = useFormSave()
  const confirm = async () => {
    const ok = await Taro.showModal({ title: C.confirm, content: C.confirmAsk(c.person.name) })
    if (!ok.confirm) return
    await submit({}, async () => {
      await api.confirmClaim(c.id)
      void Taro.showToast({ title: C.confirmed, icon: 'success' })
      props.onDone()
    })
  }
  const reject = () =>
    submit({}, async () => {
      await api.rejectClaim(c.id, reason.trim() ? { reason: reason.trim() } : {})
      void Taro.showToast({ title: C.rejected, icon: 'success' })
      props.onDone()
    })
  return (
    <View className='card' data-testid='claim' data-id={c.id}>
      <View className='row between'>
        <Text className='field-label'>{C.person(c.person.name, c.person.relation)}</Text>
        <Text className='muted'>{c.gridName}</Text>
      </View>
      <Text className='block'>{c.address}</Text>
      <Text className='muted block'>{`${S.register.phone}：${c.person.phone ?? S.register.none} · ${S.register.idNumber}：${c.person.idNumber ?? S.register.none}`}</Text>
      <Text className='block'>{C.claimant(c.claimant.name, c.claimant.phoneMasked, c.claimant.phoneVerified)}</Text>
      <Text className='muted block'>{C.at(c.createdAt)}</Text>
      {formError && <Text className='error block' data-testid='claim-error'>{formError}</Text>}
      {rejecting ? (
        <View>
          <TextField id={`reason-${c.id}`} label={C.reason} maxlength={200} value={reason} onInput={setReason} />
          <View className='row'>
            <Button className='btn grow' loading={sending} disabled={sending} onClick={() => void reject()} data-testid='claim-reject-send'>{C.sendReject}</Button>
            <Button className='btn grow' onClick={() => setRejecting(false)}>{C.cancel}</Button>
          </View>
        </View>
      ) : (
        <View className='row'>
          <Button className='btn btn-primary grow' loading={sending} disabled={sending} onClick={() => void confirm()} data-testid='claim-confirm'>{C.confirm}</Button>
          <Button className='btn grow' onClick={() => setRejecting(true)} data-testid='claim-reject'>{C.reject}</Button>
        </View>
      )}
    </View>
  )
}
