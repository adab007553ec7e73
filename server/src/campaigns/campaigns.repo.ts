import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addCountersSql, lockForUpdate } from '../db/dialect.js';
import { num } from '../db/rows.js';
import { subtreeSql, subtreeWhere } from '../grids/grid-tree.repo.js';
import { Campaign, CampaignAnswer, CampaignAnswerHistory } from './campaign.entity.js';
import { GenerateSql, TX } from '../db/generate-sql.js';

/**
 * The campaigns module's SQL on campaign, campaign_answer, campaign_answer_history and
 * campaign_progress. Methods take the caller's EntityManager last: pass the transaction's `m` inside one.
 */
@Injectable()
export class CampaignsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<Campaign | null> {
    return this.mm(m).findOneBy(Campaign, { id });
  }

  @GenerateSql({ params: [{ title: '独居老人走访', template: null, nodeId: 1, nodePath: '5101/510104/510104017/', questions: '[]', helpCategory: 'elderly', opensOn: '2026-01-01', closesOn: '2026-01-31', createdBy: 2, createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<Campaign, 'id'>, m?: EntityManager): Promise<number> {
    const r = await this.mm(m).insert(Campaign, { ...row });
    return num(r.identifiers[0]!.id);
  }

  /**
   * Campaigns at one of `atPaths` (a node's ancestors) or, with `subtreeOf`, anywhere under that
   * path; with `openOn` only those not closed before that day. Newest first.
   */
  @GenerateSql({ name: 'at the ancestors', params: [{ atPaths: ['5101/', '5101/510104/'], openOn: '2026-01-15', limit: 21 }] })
  @GenerateSql({ name: 'and in the subtree', params: [{ atPaths: ['5101/', '5101/510104/'], subtreeOf: '5101/510104/510104017/', beforeId: 100, limit: 21 }] })
  list(f: { atPaths: readonly string[]; subtreeOf?: string; openOn?: string; beforeId?: number; limit: number }, m?: EntityManager): Promise<Campaign[]> {
    const qb = this.mm(m).getRepository(Campaign).createQueryBuilder('c');
    if (f.subtreeOf !== undefined) {
      const w = subtreeWhere('c.node_path', f.subtreeOf, 'sub');
      qb.where(`(c.node_path IN (:...anc) OR ${w.sql})`, { anc: f.atPaths, ...w.params });
    } else qb.where('c.node_path IN (:...anc)', { anc: f.atPaths });
    if (f.openOn !== undefined) qb.andWhere('c.closes_on >= :today', { today: f.openOn });
    if (f.beforeId !== undefined) qb.andWhere('c.id < :cur', { cur: f.beforeId });
    return qb.orderBy('c.id', 'DESC').limit(f.limit).getMany();
  }

  /** Inserts a household's first answer; throws a unique violation when the household has one. */
  @GenerateSql({ params: [{ campaignId: 1, householdKey: 'h:1', householdId: 1, nodeId: 1, nodePath: '5101/510104/510104017/', address: '玉林北路1号', answers: '{}', needsHelp: false, eventId: null, answeredBy: 7, via: 'resident', createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }, TX] })
  async insertAnswer(row: Omit<CampaignAnswer, 'id'>, m: EntityManager): Promise<number> {
    const r = await m.insert(CampaignAnswer, { ...row });
    return num(r.identifiers[0]!.id);
  }

  /** The household's answer, locked for the rest of the transaction where the engine needs it. */
  @GenerateSql({ params: [1, 'h:1', TX] })
  answerForUpdate(campaignId: number, householdKey: string, m: EntityManager): Promise<CampaignAnswer | null> {
    return m.findOne(CampaignAnswer, { where: { campaignId, householdKey }, ...lockForUpdate(m) });
  }

  @GenerateSql({ params: [{ answerId: 1, campaignId: 1, address: '玉林北路1号', answers: '{}', needsHelp: false, eventId: null, answeredBy: 7, via: 'resident', answeredAt: new Date('2026-01-15T08:00:00.000Z'), replacedAt: new Date('2026-01-15T08:00:00.000Z'), replacedBy: 8 }, TX] })
  async insertHistory(row: Omit<CampaignAnswerHistory, 'id'>, m: EntityManager): Promise<void> {
    await m.insert(CampaignAnswerHistory, { ...row });
  }

  @GenerateSql({ params: [1, { answers: '{}', needsHelp: true, updatedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async updateAnswer(id: number, set: Partial<CampaignAnswer>, m?: EntityManager): Promise<void> {
    await this.mm(m).update(CampaignAnswer, { id }, set);
  }

  /** campaign_progress += (answered, needs help) for each node code, in the order given. */
  @GenerateSql({ params: [1, ['510104017', '510104017001'], 1, 0, TX] })
  async addProgress(campaignId: number, nodeCodes: readonly string[], answered: number, needsHelp: number, m: EntityManager): Promise<void> {
    const upsert = addCountersSql(m.connection, 'campaign_progress', ['campaign_id', 'node_code'], ['answered', 'needs_help']);
    for (const code of nodeCodes) await m.query(upsert, [campaignId, code, answered, needsHelp]);
  }

  /** A page of a campaign's answers under a node path, newest first. */
  @GenerateSql({ name: 'first page', params: [{ campaignId: 1, under: '5101/510104/510104017/', limit: 51 }] })
  @GenerateSql({ name: 'needing help, after a cursor', params: [{ campaignId: 1, under: '5101/510104/510104017/', needsHelp: true, beforeId: 100, limit: 51 }] })
  answers(f: { campaignId: number; under: string; needsHelp?: boolean; beforeId?: number; limit: number }, m?: EntityManager): Promise<CampaignAnswer[]> {
    const w = subtreeWhere('a.node_path', f.under, 'sub');
    const qb = this.mm(m).getRepository(CampaignAnswer).createQueryBuilder('a').where(`a.campaign_id = :cid AND ${w.sql}`, { cid: f.campaignId, ...w.params });
    if (f.needsHelp !== undefined) qb.andWhere('a.needs_help = :h', { h: f.needsHelp });
    if (f.beforeId !== undefined) qb.andWhere('a.id < :cur', { cur: f.beforeId });
    return qb.orderBy('a.id', 'DESC').limit(f.limit).getMany();
  }

  /** The rolled-up counts of these nodes (by code); nodes without answers are left out. */
  @GenerateSql({ params: [1, ['510104017', '510104018']] })
  async progressOf(campaignId: number, nodeCodes: readonly string[], m?: EntityManager): Promise<{ nodeCode: string; answered: number; needsHelp: number }[]> {
    if (nodeCodes.length === 0) return [];
    const rows = (await this.mm(m).query(`SELECT node_code, answered, needs_help FROM campaign_progress WHERE campaign_id = ? AND node_code IN (${nodeCodes.map(() => '?').join(',')})`, [campaignId, ...nodeCodes])) as { node_code: string; answered: number | string; needs_help: number | string }[];
    return rows.map((r) => ({ nodeCode: r.node_code, answered: num(r.answered), needsHelp: num(r.needs_help) }));
  }

  /** Answers and help requests per micro-grid path under `under` (through idx_campaign_answer_node_help). */
  @GenerateSql({ params: [1, '5101/510104/510104017/'] })
  async countsByPath(campaignId: number, under: string, m?: EntityManager): Promise<{ nodePath: string; answered: number; needsHelp: number }[]> {
    const sub = subtreeSql('node_path', under);
    const rows = (await this.mm(m).query(
      `SELECT node_path, COUNT(*) AS n, SUM(CASE WHEN needs_help THEN 1 ELSE 0 END) AS h FROM campaign_answer WHERE campaign_id = ? AND ${sub.sql} GROUP BY node_path`,
      [campaignId, ...sub.params],
    )) as { node_path: string; n: number | string; h: number | string | null }[];
    return rows.map((r) => ({ nodePath: r.node_path, answered: num(r.n), needsHelp: num(r.h ?? 0) }));
  }
}
