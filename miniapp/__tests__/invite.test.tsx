import { render, screen, fireEvent, act } from '@testing-library/react'
import Invite, { codeFromScene } from '../src/pages/invite/index'
import { api, ApiError } from '../src/services/api'
import { session } from '../src/services/session'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { acceptInvite: jest.fn() } }
})
const accept = api.acceptInvite as jest.Mock

function typeInto(el: Element, value: string) {
  act(() => {
    ;(el as HTMLInputElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

beforeEach(() => {
  accept.mockReset()
  session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 5, name: null, phoneMasked: null, roles: [] } })
})

it('reads the invite code from a QR scene', () => {
  expect(codeFromScene('inv%3DAB12CD')).toBe('AB12CD')
  expect(codeFromScene('x=1&inv=Q9')).toBe('Q9')
  expect(codeFromScene(undefined)).toBe('')
})

it('accepts a typed invite code and shows the new role', async () => {
  accept.mockResolvedValue({ id: 5, name: null, phoneMasked: null, roles: [{ id: 1, role: 'micro_member', nodeCode: '510104001001001001', nodeName: '1号微网格', nodeLevel: 'micro', departmentId: null, createdAt: '' }] })
  render(<Invite />)
  fireEvent.click(screen.getByTestId('invite-accept'))
  expect((await screen.findByTestId('invite-error')).textContent).toBe('请输入邀请码')
  typeInto(screen.getByTestId('invite-code'), ' K7P2QX ')
  fireEvent.click(screen.getByTestId('invite-accept'))
  expect((await screen.findByTestId('invite-granted')).textContent).toContain('微网格员（1号微网格）')
  expect(accept).toHaveBeenCalledWith('K7P2QX')
  expect(session.get()?.user.roles[0]?.role).toBe('micro_member')
})

it('shows why an invite was refused', async () => {
  accept.mockRejectedValue(new ApiError(410, { code: 'GONE', message: 'invite expired' }))
  render(<Invite />)
  typeInto(screen.getByTestId('invite-code'), 'OLD1')
  fireEvent.click(screen.getByTestId('invite-accept'))
  expect((await screen.findByTestId('invite-error')).textContent).toBe('内容已失效')
})
