import { constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Files whose name carries a content hash (Taro's `[name].[contenthash:8].js`): a new build gives new names. */
const HASHED = /\.[0-9a-f]{8}\.(?:js|css|png|jpe?g|gif|svg|webp|woff2?|ttf)$/;

/**
 * Cache rules of the H5 build: hashed files never change, so a phone keeps them for a year
 * without asking again; everything else (index.html, the service worker) is asked for each time,
 * so a new build shows on the next visit.
 */
export function h5CacheControl(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the H5 build at `/` compressed (brotli, else gzip) with the cache rules above. Both
 * plugins live in their own encapsulated context, so the API's responses are not touched.
 */
export async function serveH5(app: FastifyInstance, root: string): Promise<void> {
  const compress = (await import('@fastify/compress')).default;
  const fastifyStatic = (await import('@fastify/static')).default;
  await app.register(async (scope) => {
    await scope.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      // quality 11 (the default) costs ~100 ms per 500 KB on a small server; 5 is within a few % of its size
      brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/',
      decorateReply: false,
      wildcard: false,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => void reply.header('cache-control', h5CacheControl(path)),
    } as never);
  });
}
