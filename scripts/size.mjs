#!/usr/bin/env node
// `npm run size`: builds the weapp package and checks WeChat's package limits (with headroom).
import { ROOT, pnpm } from './pnpm.mjs';

const code = pnpm(['--filter', '@weigrid/miniapp', 'build:weapp']);
if (code !== 0) process.exit(code);
process.exit(pnpm(['--filter', '@weigrid/miniapp', 'size'], { cwd: ROOT }));
