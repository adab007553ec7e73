import Taro from '@tarojs/taro'

/** Photos from phone cameras are 3–8 MB; WeChat's compressor brings them to a few hundred KB. */
export async function compressPhoto(path: string): Promise<string> {
  try {
    const r = await Taro.compressImage({ src: path, quality: 70, compressedWidth: 1600 } as Taro.compressImage.Option)
    return r.tempFilePath
  } catch {
    return path
  }
}
