#!/usr/bin/env node
// Renders weigrid.conf.template into <prefix>/nginx.conf and makes nginx's temp dirs there.
//   node deploy/nginx/render.mjs --prefix /tmp/wg-nginx --listen 127.0.0.1:8080 \
//     --upstream 127.0.0.1:3101 --upstream 127.0.0.1:3102 [--h5 miniapp/dist/h5]
// Then: nginx -p <prefix> -c <prefix>/nginx.conf   (add -g 'daemon off;' to keep it in the foreground)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function renderNginx({ prefix, listen, upstreams, h5 }) {
  const here = dirname(fileURLToPath(import.meta.url));
  const tpl = readFileSync(join(here, 'weigrid.conf.template'), 'utf8');
  for (const d of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d), { recursive: true });
  const conf = tpl
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{LISTEN}}', listen)
    .replaceAll('{{H5_DIR}}', h5)
    .replaceAll('{{UPSTREAMS}}', upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n'));
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, conf);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || !args.length) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
    process.exit(args.length ? 0 : 2);
  }
  const all = (k) => args.flatMap((a, i) => (a === `--${k}` ? [args[i + 1]] : []));
  const prefix = resolve(all('prefix')[0] ?? '/tmp/weigrid-nginx');
  const file = renderNginx({ prefix, listen: all('listen')[0] ?? '127.0.0.1:8080', upstreams: all('upstream'), h5: resolve(all('h5')[0] ?? 'miniapp/dist/h5') });
  console.log(`nginx config written to ${file}`);
}
