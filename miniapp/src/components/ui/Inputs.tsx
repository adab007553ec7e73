import { Input as TaroInput, Textarea as TaroTextarea, Switch as TaroSwitch } from '@tarojs/components'
import type { InputProps } from '@tarojs/components/types/Input'
import type { TextareaProps } from '@tarojs/components/types/Textarea'
import type { SwitchProps } from '@tarojs/components/types/Switch'

/**
 * Taro's inputs with a name a screen reader can say. The H5 build renders a native control inside
 * a custom element, where a label outside cannot reach it; `nativeProps` puts `aria-label` on the
 * control itself (the label shown beside it, else the placeholder).
 */
function named(label: string | undefined, placeholder: string | undefined, extra?: Record<string, unknown>): Record<string, unknown> {
  const name = label ?? placeholder
  return { ...extra, ...(name ? { 'aria-label': name } : {}) }
}

type Labelled = { label?: string; 'data-testid'?: string }

export function Input(props: InputProps & Labelled) {
  const { label, nativeProps, ...rest } = props
  return <TaroInput {...rest} nativeProps={named(label, props.placeholder, nativeProps)} />
}

export function Textarea(props: TextareaProps & Labelled) {
  const { label, nativeProps, ...rest } = props
  return <TaroTextarea {...rest} nativeProps={named(label, props.placeholder, nativeProps)} />
}

/** A switch must say what it switches: `label` is required. */
export function Switch(props: SwitchProps & { label: string; 'data-testid'?: string }) {
  const { label, nativeProps, ...rest } = props
  return <TaroSwitch {...rest} nativeProps={named(label, undefined, nativeProps)} />
}
