import { Button as TaroButton, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface ButtonProps {
  /** primary: the one thing the page is for; default: everything else; danger: refusals and removals. */
  type?: 'primary' | 'default' | 'danger'
  /** large: a page's main action, full width; small: inline beside text. */
  size?: 'large' | 'normal' | 'small'
  loading?: boolean
  disabled?: boolean
  className?: string
  onClick?: () => void
  openType?: string
  /** WeChat's agree-privacy button id and the like, passed through untouched. */
  id?: string
  'data-testid'?: string
  'aria-label'?: string
  children?: ReactNode
  [extra: `on${string}`]: unknown
}

/**
 * The one button of the app. Its colours come from our tokens, never from the platform default:
 * Taro's H5 button paints any `[disabled]` button in 60 % white and WeChat's own `button` greys
 * the text, so `disabled` is only set when true and every state is styled here. `loading` is our
 * own spinner, rendered by React: Taro's H5 button draws its spinner from its own virtual DOM
 * beside React's children, and changing the label while it spins threw `insertBefore
 * NotFoundError` in the console (seen on 登录).
 */
export function Button(props: ButtonProps) {
  const { type = 'default', size = 'normal', loading, disabled, className, children, ...rest } = props
  const cls = `ui-btn ui-btn--${type} ui-btn--${size}${disabled ? ' ui-btn--off' : ''}${className ? ` ${className}` : ''}`
  return (
    <TaroButton className={cls} {...(disabled ? { disabled: true } : {})} {...(loading ? { 'aria-busy': true } : {})} {...({ tabIndex: 0 } as object)} {...(rest as object)}>
      {loading ? <View className='ui-btn__spin' aria-hidden='true' /> : null}
      {children}
    </TaroButton>
  )
}
