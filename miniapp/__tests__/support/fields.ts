import { act, screen } from '@testing-library/react'

/** Types into a Taro Input/Textarea as the mini-program does: the value, then an `input` event with `detail.value`. */
export function typeInto(el: Element, value: string): void {
  const input = el.querySelector('input, textarea')
  act(() => {
    if (input) (input as HTMLInputElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

/** A register-form field by its id (`TextField` test id `f-<id>`). */
export const field = (id: string): HTMLElement => screen.getByTestId(`f-${id}`)
