/** Browsers fire `online` when the connection returns (Taro's H5 network events follow
 * navigator.connection, which does not report going offline and back). */
export function onNetworkBack(cb: () => void): () => void {
  if (typeof window === 'undefined') return () => {}
  window.addEventListener('online', cb)
  return () => window.removeEventListener('online', cb)
}
