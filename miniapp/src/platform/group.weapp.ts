import Taro from '@tarojs/taro'

/** When opened from a card in a group chat (scene 1044), WeChat's encrypted group info. */
export async function groupInfo(): Promise<{ encryptedData: string; iv: string } | null> {
  const opts = Taro.getEnterOptionsSync() as { scene?: number; shareTicket?: string }
  if (!opts.shareTicket) return null
  const r = (await Taro.getShareInfo({ shareTicket: opts.shareTicket })) as { encryptedData: string; iv: string }
  return { encryptedData: r.encryptedData, iv: r.iv }
}

/** Opened from a card in a group chat: WeChat gave a shareTicket (nothing is asked of WeChat here). */
export function openedFromGroup(): boolean {
  return !!(Taro.getEnterOptionsSync() as { shareTicket?: string }).shareTicket
}

/** Cards shared from here carry a shareTicket, so the opener's group can be identified. */
export function enableGroupShare(): void {
  void Taro.showShareMenu({ withShareTicket: true } as Taro.showShareMenu.Option)
}

export const groupsSupported = true
