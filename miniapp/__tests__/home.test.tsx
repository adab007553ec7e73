import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Index from '../src/pages/index/index'
import { api, ApiError } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { overview: jest.fn() } }
})

const overview = api.overview as jest.Mock

describe('home page', () => {
  beforeEach(() => {
    overview.mockReset()
    localStorage.clear()
  })

  it('shows the region, grid counts and categories fetched from the API', async () => {
    overview.mockResolvedValue({
      appName: '微网格',
      version: '0.1.0',
      region: { code: '510104', name: '锦江区', level: 'district' },
      gridCounts: { street: 11, micro: 420 },
      categories: [{ code: 'road', name: '道路设施', icon: '', sort: 1 }]
    })
    render(<Index />)
    // while loading, the categories card already has its size (12 tile places): nothing below it jumps later
    expect(screen.getAllByTestId('category-skeleton')).toHaveLength(12)
    await waitFor(() => expect(screen.getByText('锦江区')).toBeTruthy())
    expect(screen.queryByTestId('category-skeleton')).toBeNull()
    expect(screen.getByText('道路设施')).toBeTruthy()
    expect(screen.getByText('420')).toBeTruthy()
    expect(screen.getByText('微网格')).toBeTruthy()
  })

  it('draws the last categories at once on the next visit, then the fresh ones', async () => {
    const o = (name: string) => ({ appName: '微网格', version: '0.1.0', region: null, gridCounts: {}, categories: [{ code: 'road', name, icon: '', sort: 1 }] })
    overview.mockResolvedValueOnce(o('道路设施'))
    const first = render(<Index />)
    await waitFor(() => expect(screen.getByText('道路设施')).toBeTruthy())
    first.unmount()
    let answer: (v: unknown) => void = () => undefined
    overview.mockReturnValueOnce(new Promise((r) => (answer = r)))
    render(<Index />)
    expect(screen.getByText('道路设施')).toBeTruthy()
    expect(screen.queryByTestId('category-skeleton')).toBeNull()
    answer(o('道路与井盖'))
    await waitFor(() => expect(screen.getByText('道路与井盖')).toBeTruthy())
  })

  it('shows the message for the error code and retries', async () => {
    overview.mockRejectedValueOnce(new ApiError(503, { code: 'DB_UNAVAILABLE', message: 'database unavailable' }))
    overview.mockResolvedValueOnce({ appName: '微网格', version: '0.1.0', region: null, gridCounts: {}, categories: [] })
    render(<Index />)
    await waitFor(() => expect(screen.getByText('服务繁忙，请稍后再试')).toBeTruthy())
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('尚未导入网格')).toBeTruthy())
    expect(overview).toHaveBeenCalledTimes(2)
  })
})
