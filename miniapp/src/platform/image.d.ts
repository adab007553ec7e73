// Implemented by image.weapp.ts (wx.compressImage) and image.h5.ts (canvas).
export declare function compressPhoto(path: string): Promise<string>
