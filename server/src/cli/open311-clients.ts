#!/usr/bin/env node
/**
 * External clients (Open311 GeoReport v2 apps and platforms, 12345 hotlines) from the command line:
 * the same rules as city admins' API (`POST /api/v1/open311/clients`), every change audited with
 * the operator's name.
 *
 *   node dist/cli/open311-clients.js create --name jj-12345 --kind hotline --node 510104 --callback https://12345.example/cb
 *   node dist/cli/open311-clients.js list
 *   node dist/cli/open311-clients.js revoke jj-12345
 *   node dist/cli/open311-clients.js audit jj-12345
 */
import { answerHelp } from './cli-env.js';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { AppError } from '../common/app-error.js';
import { redactDbUrl } from '../db/options.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { ApiClientsRepo } from '../open311/clients.repo.js';
import { ApiClientsService, type ClientOperator } from '../open311/clients.service.js';
import { ApiClientInputDto } from '../open311/dto.js';
import { openCliDataSource } from './cli-common.js';

const USAGE = `用法: node server/dist/cli/open311-clients.js <命令> [选项]

  管理外部系统的接入（Open311 GeoReport v2 客户端、12345 热线），与市级管理员在接口上的操作规则相同，每次变更都记入审计。

  create   新建客户端，打印它的 api key 和 HMAC 密钥（只显示这一次）
           --name <名称>            小写字母开头，2–50 位（热线签名里的 x-weigrid-source）
           --kind open311|hotline
           --node <网格编码>        它能上报、能跟踪的范围
           [--label <说明>] [--rate <每分钟请求数，默认 60>]
           [--callback <URL>] [--callback-scope own|node]   状态回调地址；own：只回调它自己报的案件（默认）
           [--fallback-grid <微网格编码>]   只有地址、没有坐标的案件交给这个微网格（常为虚拟网格）
           [--default-category <分类编码>]  热线工单的分类提示对不上时用的分类
  list     列出全部客户端（api key 只显示前缀）
  revoke <名称或编号>   吊销，下一次请求起即失效
  audit  <名称或编号>   查看审计记录

  --by <姓名>  记入审计的操作人（默认当前系统用户）
  数据库：DB_URL；未设置时就是 npm start 使用的 SQLite 文件。
  成功退出码 0；失败时在 stderr 打印一行原因，退出码 1。`;
answerHelp(USAGE);

function fail(msg: string): never {
  process.stderr.write(`open311-clients: ${msg}\n`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      node: { type: 'string' },
      label: { type: 'string' },
      rate: { type: 'string' },
      callback: { type: 'string' },
      'callback-scope': { type: 'string' },
      'fallback-grid': { type: 'string' },
      'default-category': { type: 'string' },
      by: { type: 'string' },
    },
  });
} catch (e) {
  fail(`${(e as Error).message.replace(/^Unknown option/, '不认识的选项')}。用 --help 查看用法`);
}
const { values: o, positionals } = parsed;
const [command, target] = positionals;
if (!command || !['create', 'list', 'revoke', 'audit'].includes(command)) fail('第一个参数须是 create、list、revoke 或 audit。用 --help 查看用法');
if ((command === 'revoke' || command === 'audit') && !target) fail(`${command} 需要客户端的名称或编号`);

let input: ApiClientInputDto | undefined;
if (command === 'create') {
  const raw: Record<string, unknown> = { name: o.name, kind: o.kind, nodeCode: o.node, label: o.label, callbackUrl: o.callback, callbackScope: o['callback-scope'], fallbackGridCode: o['fallback-grid'], defaultCategory: o['default-category'] };
  if (o.rate !== undefined) raw.ratePerMin = Number(o.rate);
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  input = plainToInstance(ApiClientInputDto, raw);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) fail(errors.map((e) => Object.values(e.constraints ?? {}).join('; ') || `${e.property} is invalid`).join('; '));
}

const operator: ClientOperator = { cli: o.by ?? (() => { try { return userInfo().username; } catch { return 'cli'; } })() };
const url = process.env.DB_URL!;
let ds: DataSource | undefined;
try {
  ds = await openCliDataSource(url);
  const repo = new ApiClientsRepo(ds);
  // No signed-in actor here: the operator has the database, so access and rate limits do not apply.
  const service = new ApiClientsService(ds, repo, new GridTree(ds), new CategoriesRepo(ds), null as never, null as never);
  const resolve = async (t: string) => {
    const c = /^\d+$/.test(t) ? await repo.byId(Number(t)) : await repo.byName(t);
    if (!c) fail(`没有名称或编号为 ${t} 的客户端（用 list 查看）`);
    return c.id;
  };
  let out: unknown;
  if (command === 'create') out = await service.create(operator, input!);
  else if (command === 'list') out = await service.list(operator);
  else if (command === 'revoke') out = await service.revoke(operator, await resolve(target!));
  else out = await service.auditOf(operator, await resolve(target!));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} catch (e) {
  if (e instanceof AppError) fail(`${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
  fail(`无法完成（数据库 ${redactDbUrl(url)}）：${(e as Error).message.split('\n')[0]!}`);
} finally {
  await ds?.destroy().catch(() => undefined);
}
