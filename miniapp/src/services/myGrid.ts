import type { GridPathItem } from './contracts'
import { createStore } from './store'
import { KEYS, loadValue, saveValue } from './storage'

/** The resident's own micro-grid (their household's), remembered on this phone for campaigns. */
export interface MyGrid {
  code: string
  name: string
  path: GridPathItem[]
}

export const myGrid = createStore<MyGrid | null>(loadValue<MyGrid | null>(KEYS.myGrid, null))

export function setMyGrid(g: MyGrid): void {
  saveValue(KEYS.myGrid, g)
  myGrid.set(g)
}
