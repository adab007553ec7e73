import { createStore } from './store'
import { KEYS, loadValue, saveValue } from './storage'

/** 适老化: large text and larger touch targets, kept across launches. */
export const elderMode = createStore<boolean>(loadValue<boolean>(KEYS.elder, false) === true)

export function setElderMode(on: boolean): void {
  saveValue(KEYS.elder, on)
  elderMode.set(on)
}
