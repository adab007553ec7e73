/** Longest side after compression, and JPEG quality: enough to see a pothole, small to send. */
const MAX_SIDE = 1600
const QUALITY = 0.75

/**
 * Taro's H5 build has no compressImage: draw the picture on a canvas no larger than MAX_SIDE
 * and re-encode it as JPEG. Any failure (or a result that is not smaller) keeps the original.
 */
export function compressPhoto(path: string): Promise<string> {
  return new Promise((resolve) => {
    if (typeof document === 'undefined' || typeof Image === 'undefined') return resolve(path)
    const img = new Image()
    const timer = setTimeout(() => resolve(path), 10000)
    img.onload = () => {
      try {
        const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
        const canvas = document.createElement('canvas')
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
        const ctx = canvas.getContext('2d')
        if (!ctx) throw new Error('no 2d context')
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
        canvas.toBlob(
          (blob) => {
            clearTimeout(timer)
            resolve(blob ? URL.createObjectURL(blob) : path)
          },
          'image/jpeg',
          QUALITY
        )
      } catch {
        clearTimeout(timer)
        resolve(path)
      }
    }
    img.onerror = () => {
      clearTimeout(timer)
      resolve(path)
    }
    img.src = path
  })
}
