import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ACCESS_POLICY } from '../access/policy.js';
import { ancestorPaths } from '../grids/tree.js';
import { NotifyService, type Message } from '../notify/notify.service.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError, type SendContext, type SendOutcome } from '../outbox/send-result.js';
import { CLAIM_OUTBOX } from './claims.service.js';
import { ClaimsRepo } from './claims.repo.js';
import { Staff } from '../accounts/staff.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';

export const CLAIMS_PAGE = 'packages/worker/pages/claims/index';
export const MY_HOUSEHOLD_PAGE = 'packages/worker/pages/my-household/index';

/** Who is asked first: the micro-grid's leader and the grid workers above it. */
const FIRST_ASKED: readonly string[] = ['micro_leader', 'grid_worker'];

interface ClaimInfo {
  id: number;
  state: string;
  user_id: number;
  grid_path: string;
  grid_name: string;
  created_at: Date;
  reason: string;
}

/**
 * Messages about household claims (register/claims.service.ts writes the outbox rows):
 * - a new pending claim → the micro-grid's leader and the grid workers above it (inbox + the
 *   task_new push); with none of them, the nearest level above that holds register.write.
 *   Neither push nor inbox names the person: they say where, and the worker opens the list.
 * - a decision → the claimant's inbox.
 * Each delivery is one transaction in which every query goes through its manager, keyed by the
 * outbox row (a re-delivered row adds nothing).
 */
@Injectable()
export class ClaimSenders implements OnModuleInit {
  constructor(
    private readonly registry: SenderRegistry,
    private readonly notify: NotifyService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: Staff,
    private readonly tree: GridTree,
    private readonly claims: ClaimsRepo,
  ) {}

  onModuleInit(): void {
    this.registry.register(CLAIM_OUTBOX.requested, (p, c) => this.requested(p as { claimId: number }, c));
    this.registry.register(CLAIM_OUTBOX.decided, (p, c) => this.decided(p as { claimId: number }, c));
  }

  private requested(p: { claimId: number }, ctx: SendContext): Promise<SendOutcome> {
    return this.ds.transaction(async (m) => {
      const c = await claimInfo(m, this.claims, this.tree, p.claimId);
      if (c.state !== 'pending') return { skipped: `claim already ${c.state}` };
      const staff = (await deciders(m, this.staff, c.grid_path)).filter((u) => u !== c.user_id);
      if (!staff.length) return { skipped: 'nobody may decide claims in this micro-grid' };
      const msg: Message = {
        kind: 'register_claim',
        title: '居民申请认领家庭档案',
        body: `${c.grid_name}：有居民申请认领家庭档案，请核实后确认或驳回`,
        page: CLAIMS_PAGE,
        refType: null,
        refId: null,
        template: 'task_new',
        values: { category: '户档认领', place: c.grid_name, time: c.created_at.toISOString(), eventNo: `C${c.id}`, description: '居民申请认领家庭档案' },
      };
      await this.notify.tell(m, staff, msg, `ob:${ctx.messageId}`);
    });
  }

  private decided(p: { claimId: number }, ctx: SendContext): Promise<SendOutcome> {
    return this.ds.transaction(async (m) => {
      const c = await claimInfo(m, this.claims, this.tree, p.claimId);
      const title = c.state === 'confirmed' ? '家庭档案认领已确认' : c.state === 'pending' ? null : '家庭档案认领未通过';
      if (!title) return { skipped: 'claim still pending' };
      const body = c.state === 'confirmed' ? '现在可以查看和更正本户信息' : c.reason ? `原因：${c.reason}` : '如有疑问请联系所在网格的网格员';
      await this.notify.tell(m, [c.user_id], { kind: 'register_claim', title, body, page: MY_HOUSEHOLD_PAGE, refType: null, refId: null, template: null, values: {} }, `ob:${ctx.messageId}`);
    });
  }
}

async function claimInfo(m: EntityManager, claims: ClaimsRepo, tree: GridTree, id: number): Promise<ClaimInfo> {
  const c = await claims.byId(id, m);
  // The micro-grid's name through the GridTree port (as the former inner join: no node, no claim).
  const node = c ? await tree.refById(c.gridNodeId, m) : null;
  if (!c || !node) throw new PermanentSendError(`claim ${id} not found`);
  return { id: c.id, state: c.state, user_id: c.userId, grid_path: c.gridPath, grid_name: node.name, created_at: c.createdAt, reason: c.reason };
}

/** The leader of the micro-grid and grid workers above it; else the nearest level above with anyone who may decide. */
async function deciders(m: EntityManager, staff: Staff, gridPath: string): Promise<number[]> {
  const paths = ancestorPaths(gridPath);
  const rows = await staff.atOrAbove(gridPath, ACCESS_POLICY['register.write'], m);
  const first = rows.filter((r) => FIRST_ASKED.includes(r.role));
  if (first.length) return [...new Set(first.map((r) => r.userId))];
  for (const path of [...paths].reverse()) {
    const here = rows.filter((r) => r.path === path);
    if (here.length) return [...new Set(here.map((r) => r.userId))];
  }
  return [];
}
