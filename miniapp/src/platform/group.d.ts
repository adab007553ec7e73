// Implemented by group.weapp.ts (shareTicket + getShareInfo) and group.h5.ts (none).
export declare function groupInfo(): Promise<{ encryptedData: string; iv: string } | null>
export declare function openedFromGroup(): boolean
export declare function enableGroupShare(): void
export declare const groupsSupported: boolean
