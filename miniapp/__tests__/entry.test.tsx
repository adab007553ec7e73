import { gridCodeFromScene, loadPresetGrid, presetGridCode } from '../src/services/entry'
import { api } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { gridPath: jest.fn() } }
})
const gridPath = api.gridPath as jest.Mock

it('reads the micro-grid code of a place QR code from its scene (as WeChat hands it over, URL-encoded)', () => {
  expect(gridCodeFromScene('g%3D510104001001001001')).toBe('510104001001001001')
  expect(gridCodeFromScene('x=1&g=5101040010')).toBe('5101040010')
  expect(gridCodeFromScene('inv%3DAB12CD')).toBe('')
  expect(gridCodeFromScene('g=51x')).toBe('')
  expect(gridCodeFromScene('%E0%A4%A')).toBe('')
  expect(gridCodeFromScene(undefined)).toBe('')
})

it('takes ?grid= from a group card before a scene, and only a grid code', () => {
  expect(presetGridCode({ grid: '510104001001001001', scene: 'g%3D5101' })).toBe('510104001001001001')
  expect(presetGridCode({ grid: 'abc', scene: 'g%3D5101040010' })).toBe('5101040010')
  expect(presetGridCode({})).toBe('')
})

it('loads the micro-grid with its path and refuses a node that is not a micro-grid', async () => {
  const path = [
    { code: '5101', name: '成都市', level: 'city' },
    { code: '510104001001001001', name: '2号微网格', level: 'micro' }
  ]
  gridPath.mockResolvedValueOnce(path)
  await expect(loadPresetGrid('510104001001001001')).resolves.toEqual({ code: '510104001001001001', name: '2号微网格', path })
  gridPath.mockResolvedValueOnce(path.slice(0, 1))
  await expect(loadPresetGrid('5101')).rejects.toThrow('not a micro-grid')
})
