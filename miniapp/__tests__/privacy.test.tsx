import { render, screen, fireEvent, act } from '@testing-library/react'
import { PrivacyDialog } from '../src/components/PrivacyDialog'
import PrivacyGuide from '../src/pages/privacy/index'
import { askPrivacy } from '../src/services/privacy'
import { nav } from '../src/services/nav'

jest.mock('../src/services/nav', () => ({ nav: { to: jest.fn(), redirect: jest.fn(), tab: jest.fn(), back: jest.fn() } }))

it('on H5 the 查看《用户隐私保护指引》 link opens the guide page, and the question stays open', () => {
  const answer = jest.fn()
  act(() => askPrivacy(answer))
  render(<PrivacyDialog />)
  fireEvent.click(screen.getByText('查看《用户隐私保护指引》'))
  expect(nav.to).toHaveBeenCalledWith('/pages/privacy/index')
  expect(answer).not.toHaveBeenCalled()
  expect(screen.getByTestId('privacy-dialog')).toBeTruthy()
})

it('the guide page says what is collected, why, who sees it, how long and the user’s rights', () => {
  render(<PrivacyGuide />)
  const text = screen.getByTestId('privacy-guide').textContent ?? ''
  for (const heading of ['用户隐私保护指引', '我们收集哪些信息', '用于什么', '谁能看到', '保存多久', '您的权利', '订阅消息']) expect(text).toContain(heading)
})
