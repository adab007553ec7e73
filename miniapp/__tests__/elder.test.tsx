import { render, screen, waitFor, act } from '@testing-library/react'
import Index from '../src/pages/index/index'
import Mine from '../src/pages/mine/index'
import { api } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { overview: jest.fn() } }
})

beforeEach(() => {
  ;(api.overview as jest.Mock).mockResolvedValue({ appName: '微网格', version: '0.1.0', region: null, gridCounts: {}, categories: [] })
  localStorage.clear()
})

function toggle(on: boolean) {
  // Taro's Switch reports a change as a CustomEvent with detail.value
  act(() => {
    screen.getByTestId('elder-toggle').dispatchEvent(new CustomEvent('change', { detail: { value: on }, bubbles: true }))
  })
}

describe('large-text mode (适老化)', () => {
  it('is off by default, turns every page to large text when switched on, and is remembered', async () => {
    const { unmount } = render(<Index />)
    expect(screen.getByTestId('page').className).not.toContain('elder')
    toggle(true)
    await waitFor(() => expect(screen.getByTestId('page').className).toContain('elder'))
    expect(JSON.parse(localStorage.getItem('weigrid.elder')!).data).toBe(true)
    unmount()
    // another page opened later is large too
    render(<Mine />)
    expect(screen.getByTestId('page').className).toContain('elder')
    toggle(false)
    await waitFor(() => expect(screen.getByTestId('page').className).not.toContain('elder'))
    expect(JSON.parse(localStorage.getItem('weigrid.elder')!).data).toBe(false)
  })
})
