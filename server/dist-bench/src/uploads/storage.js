import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
export const BLOB_STORAGE = Symbol('BLOB_STORAGE');
/** Keys are ours ("ab/abcdef….jpg"); anything else is refused so a key can never escape the root. */
const KEY = /^[a-z0-9]{2}\/[a-z0-9]{16,64}(_t)?\.(jpg|png|webp)$/;
export class LocalDiskStorage {
    root;
    constructor(dir) {
        this.root = resolve(dir);
    }
    path(key) {
        if (!KEY.test(key))
            throw new Error(`bad storage key ${JSON.stringify(key)}`);
        const p = resolve(join(this.root, key));
        if (!p.startsWith(this.root + sep))
            throw new Error('storage key escapes the root');
        return p;
    }
    async put(key, data) {
        const p = this.path(key);
        await mkdir(dirname(p), { recursive: true });
        // Write then rename: a reader never sees half a file, a crash leaves only a temp file.
        const tmp = `${p}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(tmp, data);
        await rename(tmp, p);
    }
    async get(key) {
        try {
            return await readFile(this.path(key));
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return null;
            throw e;
        }
    }
    async delete(key) {
        await rm(this.path(key), { force: true });
    }
}
//# sourceMappingURL=storage.js.map