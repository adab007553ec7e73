#!/usr/bin/env node
/**
 * Creates the first administrator — the one person nobody else can invite.
 *
 *   DB_URL=… node dist/cli/create-admin.js --node 5101                 # prints a one-time invite code
 *   DB_URL=… node dist/cli/create-admin.js --node 5101 --qr admin.png  # …and writes its mini-program QR
 *   DB_URL=… node dist/cli/create-admin.js --node 5101 --openid oXYZ…  # grants directly to a known user
 *
 * Options: --role (default city_admin; district_admin etc. for deployments without a city node),
 * --hours (invite lifetime, default 72). The admin logs in to the mini-program and accepts the
 * code (我的 → 输入邀请码, or scans the QR). Exit 0 on success, 1 with one line on stderr otherwise.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { GRID_LEVEL_LABEL, isRole, ROLE_LABEL, type Role } from '@weigrid/shared';
import { redactDbUrl } from '../db/options.js';
import { createDataSource } from '../db/create-data-source.js';
import { runMigrations } from '../db/migrate.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { GrantsRepo } from '../accounts/grants.repo.js';
import { UsersRepo } from '../accounts/users.repo.js';
import { INVITE_PAGE, newInviteCode } from '../accounts/invites.service.js';
import { ROLE_LEVELS } from '../access/policy.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { DbAccessTokenStore } from '../wechat/token-store.js';

function fail(msg: string): never {
  process.stderr.write(`create-admin: ${msg}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { node: { type: 'string' }, role: { type: 'string', default: 'city_admin' }, openid: { type: 'string' }, hours: { type: 'string', default: '72' }, qr: { type: 'string' } } }).values;
} catch (e) {
  fail((e as Error).message);
}
if (!args.node) fail('--node <grid code> is required (e.g. --node 5101)');
const role = args.role as string;
if (!isRole(role) || !['city_admin', 'district_admin', 'street_admin', 'community_admin'].includes(role)) fail(`--role must be an admin role, got ${role}`);
const hours = Number(args.hours);
if (!Number.isInteger(hours) || hours < 1 || hours > 720) fail('--hours must be an integer between 1 and 720');
if (args.openid !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(args.openid)) fail('--openid looks wrong');

const url = process.env.DB_URL ?? 'sqlite:./.data/weigrid.sqlite';
let ds: DataSource | undefined;
try {
  await runMigrations(url);
  ds = createDataSource(url, 2);
  await ds.initialize();
  const node = await new GridTree(ds).byCode(args.node);
  if (!node) fail(`grid node ${args.node} not found in ${redactDbUrl(url)} (import the grids or run seed:demo first)`);
  if (!ROLE_LEVELS[role as Role].includes(node.level)) fail(`${ROLE_LABEL[role as Role]} must be held at a ${ROLE_LEVELS[role as Role].map((l) => GRID_LEVEL_LABEL[l]).join('/')} node; ${node.code} is a ${GRID_LEVEL_LABEL[node.level]}`);
  const now = new Date();
  if (args.openid) {
    const users = new UsersRepo(ds);
    let user = await users.byOpenid(args.openid);
    if (!user) {
      await users.insert({ openid: args.openid, unionid: null, name: null, phone: null, phoneBoundAt: null, sessionKey: null, disabled: false, createdAt: now, lastLoginAt: null });
      user = await users.byOpenid(args.openid);
      if (!user) fail(`user ${args.openid} could not be created`);
    }
    const existing = !(await new GrantsRepo(ds).grantOnce({ userId: user.id, role: role as Role, nodeId: node.id, departmentId: null, grantedBy: null, at: now }));
    process.stdout.write(`create-admin: user ${user.id} is ${ROLE_LABEL[role as Role]} (${role}) of ${node.name} ${node.code}${existing ? ' (already was)' : ''}\n`);
  } else {
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    await new GrantsRepo(ds).insertInvite({ code, role: role as Role, nodeId: node.id, departmentId: null, createdBy: null, createdAt: now, expiresAt, usedBy: null, usedAt: null, revokedAt: null });
    process.stdout.write(`create-admin: invite code ${code} makes whoever accepts it ${ROLE_LABEL[role as Role]} (${role}) of ${node.name} ${node.code}; valid until ${expiresAt.toISOString()}\n`);
    process.stdout.write(`create-admin: log in to the mini-program, then 我的 → 输入邀请码 (API: POST /api/v1/invites/${code}/accept)\n`);
    if (args.qr) {
      const appid = process.env.WECHAT_APPID ?? 'wx0000000000000000';
      const client = new WechatClient({ base: process.env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com', appid, secret: process.env.WECHAT_SECRET ?? '', timeoutMs: 10_000 });
      client.useTokenStore(new DbAccessTokenStore(ds, { appid, fetch: (f) => client.fetchStableToken(f) }));
      const envVersion = (process.env.WECHAT_ENV_VERSION ?? 'release') as 'release' | 'trial' | 'develop';
      try {
        writeFileSync(args.qr, await client.getWxacodeUnlimit({ scene: `inv=${code}`, page: INVITE_PAGE, envVersion }));
        process.stdout.write(`create-admin: QR code written to ${args.qr}\n`);
      } catch (e) {
        fail(`invite created, but the QR code failed: ${(e as Error).message} (the code above still works)`);
      }
    }
  }
} catch (e) {
  fail((e as Error).message.split('\n')[0]!);
} finally {
  await ds?.destroy().catch(() => undefined);
}
