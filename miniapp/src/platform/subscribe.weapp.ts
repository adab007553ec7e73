import Taro from '@tarojs/taro'

type Answer = 'accept' | 'reject' | 'ban' | 'filter'

/** wx.requestSubscribeMessage: must run inside a tap; answers per template id. */
export async function requestSubscribe(tmplIds: string[]): Promise<Record<string, Answer>> {
  const r = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
  const out: Record<string, Answer> = {}
  for (const id of tmplIds) {
    const v = r[id]
    if (v === 'accept' || v === 'reject' || v === 'ban' || v === 'filter') out[id] = v
  }
  return out
}
