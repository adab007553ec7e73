/** Group chats exist only inside WeChat. */
export async function groupInfo(): Promise<{ encryptedData: string; iv: string } | null> {
  return null
}
export function openedFromGroup(): boolean {
  return false
}

export function enableGroupShare(): void {}
export const groupsSupported = false
