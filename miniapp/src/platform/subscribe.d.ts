// Implemented by subscribe.weapp.ts (wx.requestSubscribeMessage) and subscribe.h5.ts (none).
export declare function requestSubscribe(tmplIds: string[]): Promise<Record<string, 'accept' | 'reject' | 'ban' | 'filter'>>
