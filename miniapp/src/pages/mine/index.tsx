import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../components/ui'
import { useState } from 'react'
import { ADMIN_ROLES, ROLE_LABEL, STAFF_ROLES, isRole } from '@weigrid/shared'
import { Page } from '../../components/Page'
import { ElderSwitch } from '../../components/ElderSwitch'
import { useStore } from '../../hooks/useStore'
import { session, login, logout, hasRole, updateUser } from '../../services/session'
import { api } from '../../services/api'
import { Field } from '../../components/ui'
import { ApiError } from '../../services/api'
import { nav } from '../../services/nav'
import { S } from '../../strings'

export default function Mine() {
  const s = useStore(session)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string>()
  const [savingName, setSavingName] = useState(false)
  const saveName = async () => {
    const n = name.trim()
    if (!n) return setNameError(S.mine.errName)
    if (n.length > 50) return setNameError(S.mine.errNameLong)
    setSavingName(true)
    setNameError(undefined)
    try {
      updateUser(await api.updateMe({ name: n }))
    } catch (e) {
      setNameError(e instanceof ApiError ? e.userMessage : S.mine.errName)
    } finally {
      setSavingName(false)
    }
  }
  const doLogin = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await login()
    } catch (e) {
      setError(e instanceof ApiError ? e.userMessage : S.mine.loginFailed)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <View className='card' data-testid='account'>
        {s ? (
          <>
            <Text className='card-title' data-testid='my-name'>{s.user.name ?? S.mine.noName}</Text>
            {!s.user.name && (
              <View data-testid='name-form'>
                <Field label={S.mine.nameLabel} hint={S.mine.nameHint} error={nameError} testid='name'>
                  <Input
                    className='textarea input'
                    value={name}
                    maxlength={50}
                    placeholder={S.mine.namePlaceholder}
                    onInput={(e) => {
                      setName(e.detail.value)
                      setNameError(undefined)
                    }}
                    data-testid='name-input'
                    {...({ 'aria-label': S.mine.nameLabel } as object)}
                  />
                </Field>
                <Button size='small' type='primary' loading={savingName} onClick={() => void saveName()} data-testid='name-save'>{S.mine.nameSave}</Button>
              </View>
            )}
            {s.user.phoneMasked && <Text className='muted block'>{s.user.phoneMasked}</Text>}
            <Text className='muted block'>
              {`${S.mine.roles}：`}
              {s.user.roles.length ? s.user.roles.map((g) => `${isRole(g.role) ? ROLE_LABEL[g.role] : g.role}（${g.nodeName}）`).join('、') : ROLE_LABEL.resident}
            </Text>
          </>
        ) : (
          <>
            <Text className='block'>{S.mine.loginHint}</Text>
            <Button type='primary' size='large' onClick={() => void doLogin()} loading={busy} data-testid='login'>{busy ? S.mine.loggingIn : S.mine.login}</Button>
          </>
        )}
        {error && <Text className='error block' data-testid='error'>{error}</Text>}
      </View>
      {s && (
        <View className='card'>
          <View className='list-item' onClick={() => nav.to('/pages/my-reports/index')} data-testid='go-my-reports'>
            <Text>{S.mine.myReports}</Text>
          </View>
          <View className='list-item' onClick={() => nav.to('/pages/invite/index')} data-testid='go-invite'>
            <Text>{S.mine.invite}</Text>
          </View>
          <View className='list-item' onClick={() => nav.to('/packages/worker/pages/volunteer/index')} data-testid='go-volunteer'>
            <Text>{S.mine.volunteer}</Text>
          </View>
          <View className='list-item' onClick={() => nav.to('/packages/worker/pages/my-household/index')} data-testid='go-my-household'>
            <Text>{S.mine.household}</Text>
          </View>
          {hasRole(s, STAFF_ROLES) && (
            <View className='list-item' onClick={() => nav.to('/packages/worker/pages/inbox/index')} data-testid='go-worker'>
              <Text>{S.mine.worker}</Text>
            </View>
          )}
          {hasRole(s, ADMIN_ROLES) && (
            <View className='list-item' onClick={() => nav.to('/packages/admin/pages/dashboard/index')} data-testid='go-admin'>
              <Text>{S.mine.admin}</Text>
            </View>
          )}
        </View>
      )}
      <View className='card'>
        <Text className='card-title'>{S.mine.settings}</Text>
        <ElderSwitch />
      </View>
      {s && (
        <Button onClick={logout} data-testid='logout'>{S.mine.logout}</Button>
      )}
    </Page>
  )
}
