import Taro from '@tarojs/taro'

/** Navigation that never throws into a handler (a failed navigation is logged, the page stays). */
function safe(run: () => Promise<unknown> | unknown): void {
  try {
    const r = run()
    if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch((e) => console.warn('navigation failed', e))
  } catch (e) {
    console.warn('navigation failed', e)
  }
}

export const nav = {
  to: (url: string) => safe(() => Taro.navigateTo({ url })),
  redirect: (url: string) => safe(() => Taro.redirectTo({ url })),
  tab: (url: string) => safe(() => Taro.switchTab({ url })),
  back: () => safe(() => Taro.navigateBack())
}
