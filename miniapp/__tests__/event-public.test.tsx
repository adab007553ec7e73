import { render, screen } from '@testing-library/react'
import EventPage from '../src/pages/event/index'
import { api } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { eventView: jest.fn(), categories: jest.fn() } }
})
const m = api as unknown as Record<string, jest.Mock>

it('a supporter sees the public view: category, state, micro-grid, own support and progress labels, and no actions', async () => {
  m.categories.mockResolvedValue([{ code: 'sanitation', name: '环境卫生', icon: '', sort: 1 }])
  m.eventView.mockResolvedValue({
    view: 'public',
    id: 7,
    category: 'sanitation',
    state: 'in_progress',
    microGrid: { code: '510104001001001001', name: '锦华苑一号微网格' },
    createdAt: '2026-12-01T01:00:00.000Z',
    supporters: 3,
    supportedByMe: true,
    supportedAt: '2026-12-01T02:00:00.000Z',
    progress: [
      { at: '2026-12-01T01:00:00.000Z', state: 'reported' },
      { at: '2026-12-01T03:00:00.000Z', state: 'accepted' },
      { at: '2026-12-01T04:00:00.000Z', state: 'in_progress' }
    ],
    version: 4,
    actions: [],
    mergedInto: null
  })
  render(<EventPage />)
  expect(await screen.findByTestId('event-public')).toBeTruthy()
  expect(screen.getByText('环境卫生')).toBeTruthy()
  expect(screen.getByText(/锦华苑一号微网格/)).toBeTruthy()
  expect(screen.getByText('3 人也遇到')).toBeTruthy()
  expect(screen.getAllByTestId('timeline-item')).toHaveLength(3)
  // the full detail's parts are not there: no description, timeline actors or action buttons
  expect(screen.queryByTestId('event-description')).toBeNull()
  expect(screen.queryByTestId('event')).toBeNull()
})
