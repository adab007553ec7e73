import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Index from '../src/pages/index/index'
import { api, ApiError } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { overview: jest.fn() } }
})

const overview = api.overview as jest.Mock

describe('home page', () => {
  beforeEach(() => overview.mockReset())

  it('shows the region, grid counts and categories fetched from the API', async () => {
    overview.mockResolvedValue({
      appName: '微网格',
      version: '0.1.0',
      region: { code: '510104', name: '锦江区', level: 'district' },
      gridCounts: { street: 11, micro: 420 },
      categories: [{ code: 'road', name: '道路设施', icon: '', sort: 1 }]
    })
    render(<Index />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('锦江区')).toBeTruthy())
    expect(screen.getByText('道路设施')).toBeTruthy()
    expect(screen.getByText('420')).toBeTruthy()
    expect(screen.getByText('微网格')).toBeTruthy()
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
