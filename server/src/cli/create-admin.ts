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
import { answerHelp, DEFAULT_DB_URL } from './cli-env.js';
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { ADMIN_ROLES as ADMINS_UPWARD, GRID_LEVEL_LABEL, isRole, ROLE_LABEL, ROLE_LEVELS, type Role } from '@weigrid/shared';
import { redactDbUrl } from '../db/options.js';
import { createDataSource } from '../db/create-data-source.js';
import { runMigrations } from '../db/migrate.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { GrantsRepo } from '../accounts/grants.repo.js';
import { UsersRepo } from '../accounts/users.repo.js';
import { INVITE_PAGE, newInviteCode } from '../accounts/invites.service.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { DbAccessTokenStore } from '../wechat/token-store.js';

/** The admin roles, city first (the usual first admin). */
const ADMIN_ROLES: readonly Role[] = [...ADMINS_UPWARD].reverse();
const USAGE = `用法: node server/dist/cli/create-admin.js --node <网格编码> [--role <身份>] [--openid <openid>] [--hours <小时>] [--qr <文件.png>]

  创建第一位管理员（其他人都由管理员在小程序里邀请）。
  --node    管理员所在网格的编码，如演示数据的 5101（成都市）、510104（锦江区）
  --role    ${ADMIN_ROLES.map((r) => `${r}（${ROLE_LABEL[r]}）`).join('、')}；默认 city_admin
  --openid  直接授予这个微信用户（已知 openid 时），否则打印一次性邀请码
  --hours   邀请码有效小时数，1–720，默认 72
  --qr      同时把邀请小程序码写入该 PNG 文件

  数据库：DB_URL；未设置时就是 npm start 使用的 ${DEFAULT_DB_URL}（无论在哪个目录运行）。
  成功退出码 0；失败时在 stderr 打印一行原因和下一步，退出码 1。`;
answerHelp(USAGE);

function fail(msg: string): never {
  process.stderr.write(`create-admin: ${msg}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { node: { type: 'string' }, role: { type: 'string', default: 'city_admin' }, openid: { type: 'string' }, hours: { type: 'string', default: '72' }, qr: { type: 'string' } } }).values;
} catch (e) {
  fail(`${(e as Error).message.replace(/^Unknown option/, '不认识的选项')}。用 --help 查看用法`);
}
if (!args.node) fail('缺少 --node：管理员所在网格的编码，例如 --node 5101（演示数据的成都市）。用 --help 查看用法');
const role = args.role as string;
if (!isRole(role) || !(ADMIN_ROLES as readonly string[]).includes(role)) fail(`--role 只能是 ${ADMIN_ROLES.join('、')}，收到的是 ${role}`);
const hours = Number(args.hours);
if (!Number.isInteger(hours) || hours < 1 || hours > 720) fail('--hours 须是 1 到 720 之间的整数');
if (args.openid !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(args.openid)) fail('--openid 格式不对（只含字母、数字、_ 和 -，最长 64 位）');

const url = process.env.DB_URL!;
let ds: DataSource | undefined;
try {
  await runMigrations(url);
  ds = createDataSource(url, 2);
  await ds.initialize();
  const tree = new GridTree(ds);
  const node = await tree.byCode(args.node);
  if (!node) {
    // say what is there, so the operator can pick a code instead of guessing
    const top = await tree.roots(5);
    fail(
      top.length
        ? `数据库 ${redactDbUrl(url)} 里没有编码为 ${args.node} 的网格。顶层网格有：${top.map((n) => `${n.code}（${n.name}，${GRID_LEVEL_LABEL[n.level]}）`).join('、')}`
        : `数据库 ${redactDbUrl(url)} 里还没有任何网格：先运行 npm start（会导入演示网格），或用 grids:import 导入网格后再创建管理员`,
    );
  }
  if (!ROLE_LEVELS[role as Role].includes(node.level)) fail(`${ROLE_LABEL[role as Role]}须设在${ROLE_LEVELS[role as Role].map((l) => GRID_LEVEL_LABEL[l]).join('/')}一级；${node.code}（${node.name}）是${GRID_LEVEL_LABEL[node.level]}。换一个编码，或用 --role 选对应的身份`);
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
        fail(`邀请码已创建，但小程序码没有生成：${(e as Error).message}（上面的邀请码仍然有效）`);
      }
    }
  }
} catch (e) {
  fail(`无法打开数据库 ${redactDbUrl(url)}：${(e as Error).message.split('\n')[0]!}`);
} finally {
  await ds?.destroy().catch(() => undefined);
}
