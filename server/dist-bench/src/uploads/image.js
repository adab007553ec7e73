import sharp from 'sharp';
export const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
/** The type by magic bytes; the client's declared type and file name are not trusted. */
export function sniffImage(buf) {
    if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)
        return 'image/jpeg';
    if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
        return 'image/png';
    if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
        return 'image/webp';
    return null;
}
export class ImageRejected extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.reason = reason;
    }
}
/** Photos larger than this are scaled down; residents' phones send 12-megapixel shots. */
const MAX_EDGE = 2560;
const THUMB_EDGE = 320;
/** Decompression-bomb guard: a 2 KB PNG can claim 50 000 × 50 000 pixels. */
const MAX_INPUT_PIXELS = 40_000_000;
/**
 * Re-encodes the image: applies the EXIF orientation, then writes it without any metadata (EXIF
 * GPS position, camera serials and XMP are dropped — sharp keeps none unless asked), scaled to at
 * most MAX_EDGE, plus a WebP thumbnail.
 */
export async function processImage(input) {
    const mime = sniffImage(input);
    if (!mime)
        throw new ImageRejected('type', 'only JPEG, PNG and WebP images are accepted');
    let meta;
    try {
        meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    }
    catch (e) {
        throw new ImageRejected('corrupt', `image cannot be read: ${e.message}`);
    }
    if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) {
        throw new ImageRejected('dimensions', `image is ${meta.width}×${meta.height}; at most ${MAX_INPUT_PIXELS} pixels`);
    }
    try {
        const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
        const encoded = mime === 'image/jpeg' ? base.jpeg({ quality: 85, mozjpeg: true }) : mime === 'image/png' ? base.png({ compressionLevel: 7 }) : base.webp({ quality: 82 });
        const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
        const thumb = await sharp(data).resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
        return { mime, data, width: info.width, height: info.height, thumb };
    }
    catch (e) {
        throw new ImageRejected('corrupt', `image cannot be decoded: ${e.message}`);
    }
}
//# sourceMappingURL=image.js.map