import Taro from '@tarojs/taro'

/** Calls back whenever the phone regains a connection. */
export function onNetworkBack(cb: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) cb()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange?.(listener)
}
