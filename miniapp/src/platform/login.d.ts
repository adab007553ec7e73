// Implemented by login.weapp.ts (wx.login) and login.h5.ts (the fake WeChat server's dev endpoint).
export declare function getLoginCode(): Promise<string>
