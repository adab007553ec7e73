#!/usr/bin/env node
// Draws the tab-bar icons (81×81 PNG, WeChat's recommended size) from simple shapes, so they are
// reproducible and tiny (a few hundred bytes each, in the main package). Run after changing a shape:
//   node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
const N = 81;

function png(rgba) {
  const raw = Buffer.alloc((N * 4 + 1) * N);
  for (let y = 0; y < N; y++) {
    raw[y * (N * 4 + 1)] = 0;
    rgba.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(N, 0);
  ihdr.writeUInt32BE(N, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// signed distances (negative inside), in pixels
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const box = (x0, y0, x1, y1) => (x, y) => {
  const dx = Math.max(x0 - x, x - x1, 0), dy = Math.max(y0 - y, y - y1, 0);
  const inside = Math.min(Math.max(x0 - x, x - x1), 0) + Math.min(Math.max(y0 - y, y - y1), 0);
  return Math.hypot(dx, dy) + (dx === 0 && dy === 0 ? Math.max(x0 - x, x - x1, y0 - y, y - y1) : 0) + 0 * inside;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));
const minus = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
// triangle roof: inside when below both slopes and above the base
const roof = (cx, top, half, base) => (x, y) => {
  const k = (base - top) / half;
  const l = (k * (x - (cx - half)) - (base - y)) / Math.hypot(k, 1); // left slope
  const r = (k * ((cx + half) - x) - (base - y)) / Math.hypot(k, 1);
  return Math.max(-l, -r, y - base);
};

const shapes = {
  home: minus(union(roof(40.5, 10, 32, 38), box(18, 36, 63, 70)), box(34, 48, 47, 71)),
  mine: union(circle(40.5, 26, 14), minus(circle(40.5, 78, 30), box(0, 76, 81, 81))),
};
const colors = { off: [110, 119, 129], on: [31, 111, 235] };

mkdirSync(out, { recursive: true });
for (const [name, f] of Object.entries(shapes)) {
  for (const [state, [r, g, b]] of Object.entries(colors)) {
    const buf = Buffer.alloc(N * N * 4);
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++) {
        // 4×4 supersampling for smooth edges
        let cover = 0;
        for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (f(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) <= 0) cover++;
        const i = (y * N + x) * 4;
        buf[i] = r; buf[i + 1] = g; buf[i + 2] = b; buf[i + 3] = Math.round((cover / 16) * 255);
      }
    const file = join(out, `${name}${state === 'on' ? '-on' : ''}.png`);
    writeFileSync(file, png(buf));
    console.log(file);
  }
}
