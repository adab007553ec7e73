import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CAMPAIGN_TEMPLATES,
  checkAnswers,
  householdKey,
  isIsoDate,
  MAX_CAMPAIGN_DAYS,
  validateQuestions,
  type Answers,
  type CampaignAnswerDto,
  type CampaignDto,
  type CampaignProgressDto,
  type CampaignProgressRow,
  type Page,
  type Question,
} from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError, notFound } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { GridTree, type NodeRef } from '../grids/grid-tree.repo.js';
import { UploadReads } from '../uploads/upload-reads.repo.js';
import { daysBetween, localDay } from '../common/local-day.js';
import { isUniqueViolation } from '../db/errors.js';
import { ROLLUP_LEVELS, rollupKeys } from '../stats/refresher.service.js';
import type { Campaign, CampaignAnswer } from './campaign.entity.js';
import { CampaignsRepo } from './campaigns.repo.js';
import type { AnswerCampaignDto, AnswerListQuery, CampaignListQuery, CreateCampaignDto } from './dto.js';
import { HelpEventFiler } from './help-events.js';
import { HouseholdMembers } from '../register/household-members.repo.js';

const cursorOf = (id: number) => Buffer.from(`c${id}`).toString('base64url');
function idOfCursor(c: string): number {
  const m = /^c(\d{1,10})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new AppError('VALIDATION_FAILED', 'bad cursor', { fields: { cursor: 'not a cursor from this API' } });
  return Number(m[1]);
}

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: CampaignsRepo,
    private readonly grid: GridTree,
    private readonly categories: CategoriesRepo,
    private readonly uploads: UploadReads,
    private readonly members: HouseholdMembers,
    @Optional() private readonly help?: HelpEventFiler,
  ) {}

  private async node(code: string, field: string): Promise<NodeRef> {
    const n = await this.grid.refByCode(code);
    if (!n) throw new AppError('VALIDATION_FAILED', `no grid node ${code}`, { fields: { [field]: 'unknown grid code' } });
    return n;
  }

  private async load(id: number): Promise<Campaign> {
    const c = await this.repo.byId(id);
    if (!c) throw notFound('campaign');
    return c;
  }

  private async toDto(c: Campaign, node?: { code: string; name: string }): Promise<CampaignDto> {
    const n = node ?? (await this.nodeById(c.nodeId));
    const today = localDay();
    return {
      id: c.id,
      title: c.title,
      template: c.template,
      node: { code: n.code, name: n.name },
      questions: JSON.parse(c.questions) as Question[],
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      helpCategory: c.helpCategory,
      open: today >= c.opensOn && today <= c.closesOn,
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** A campaign's own node: it exists (nodes with campaigns are not deleted), else a 500 as before. */
  private async nodeById(id: number): Promise<NodeRef> {
    const n = await this.grid.refById(id);
    if (!n) throw new Error(`grid node ${id} not found`);
    return n;
  }

  templates() {
    return CAMPAIGN_TEMPLATES;
  }

  async create(actor: Actor, dto: CreateCampaignDto): Promise<CampaignDto> {
    const node = await this.node(dto.nodeCode, 'nodeCode');
    await this.access.require(actor, 'campaign.manage', { nodeId: node.id });
    const fields: Record<string, string> = {};
    const tpl = dto.template === undefined ? undefined : CAMPAIGN_TEMPLATES.find((t) => t.code === dto.template);
    if (dto.template !== undefined && !tpl) fields.template = `unknown template; one of ${CAMPAIGN_TEMPLATES.map((t) => t.code).join(', ')}`;
    const questions = dto.questions ?? tpl?.questions;
    if (!questions) fields.questions = 'give questions or a template';
    else Object.assign(fields, validateQuestions(questions));
    if (!isIsoDate(dto.opensOn)) fields.opensOn = 'not a calendar date';
    if (!isIsoDate(dto.closesOn)) fields.closesOn = 'not a calendar date';
    if (!fields.opensOn && !fields.closesOn) {
      if (dto.closesOn < dto.opensOn) fields.closesOn = 'closesOn is before opensOn';
      else if (daysBetween(dto.opensOn, dto.closesOn) + 1 > MAX_CAMPAIGN_DAYS) fields.closesOn = `a campaign runs at most ${MAX_CAMPAIGN_DAYS} days`;
    }
    const helpCategory = dto.helpCategory ?? tpl?.helpCategory ?? 'other';
    if (!(await this.categories.byCode(helpCategory))) fields.helpCategory = `unknown category ${helpCategory}`;
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', `invalid campaign: ${Object.keys(fields).join(', ')}`, { fields });
    const row: Omit<Campaign, 'id'> = {
      title: dto.title.trim(),
      template: tpl?.code ?? null,
      nodeId: node.id,
      nodePath: node.path,
      questions: JSON.stringify(questions),
      helpCategory,
      opensOn: dto.opensOn,
      closesOn: dto.closesOn,
      createdBy: actor.userId,
      createdAt: new Date(),
    };
    const id = await this.repo.insert(row);
    return this.toDto({ ...row, id }, node);
  }

  /**
   * `microGrid`: campaigns covering that micro-grid (what a resident there may answer; anyone
   * logged in). `node`: campaigns in or above that node, for staff who may read it.
   */
  async list(actor: Actor, q: CampaignListQuery): Promise<Page<CampaignDto>> {
    if (!q.node === !q.microGrid) throw new AppError('VALIDATION_FAILED', 'give exactly one of node and microGrid', { fields: { node: 'node or microGrid' } });
    const code = (q.node ?? q.microGrid)!;
    const n = await this.node(code, q.node ? 'node' : 'microGrid');
    if (q.microGrid && n.level !== 'micro') throw new AppError('VALIDATION_FAILED', `${code} is not a micro-grid`, { fields: { microGrid: 'not a micro-grid' } });
    if (q.node) await this.access.require(actor, 'campaign.read', { nodeId: n.id });
    const ancestors = n.path.split('/').filter(Boolean).map((_, i, a) => `${a.slice(0, i + 1).join('/')}/`);
    const limit = q.limit ?? 20;
    const rows = await this.repo.list({ atPaths: ancestors, ...(q.node ? { subtreeOf: n.path } : { openOn: localDay() }), beforeId: q.cursor ? idOfCursor(q.cursor) : undefined, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const nodes = await this.grid.refsByIds(page.map((c) => c.nodeId));
    const items = await Promise.all(page.map((c) => this.toDto(c, nodes.find((x) => x.id === c.nodeId))));
    return { items, nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!.id) : null };
  }

  async get(actor: Actor, id: number): Promise<CampaignDto> {
    return this.toDto(await this.load(id));
  }

  /**
   * Who answers for which household: the micro-grid's staff on a visit (any household there, named
   * by `householdId` or by its address), or a confirmed member of the register household (their
   * own, `h:<id>`). Anyone else is refused before anything is read or written: a household id one
   * may not see is 404, answering where one has no household and no visiting role is 403.
   */
  private async answeringFor(actor: Actor, micro: NodeRef, householdId: number | undefined): Promise<{ visit: boolean; householdId: number | null }> {
    const visit = !!(await this.access.check(actor, 'campaign.visit', { nodeId: micro.id }));
    if (householdId !== undefined) {
      const h = await this.members.householdGrid(householdId);
      const mayAnswer = h !== null && h.gridNodeId === micro.id && (visit || (await this.members.isConfirmedMember(actor.userId, householdId)));
      if (!mayAnswer) throw notFound('household');
      return { visit, householdId };
    }
    if (visit) return { visit, householdId: null };
    const mine = await this.members.confirmedHouseholdsIn(actor.userId, micro.id);
    if (mine.length === 0) throw new AppError('FORBIDDEN', "only the household's confirmed members or the micro-grid's staff may answer for it", { fields: { householdId: 'not a confirmed member of a household in this micro-grid' } });
    if (mine.length > 1) throw new AppError('VALIDATION_FAILED', 'you belong to several households in this micro-grid: say which', { fields: { householdId: `one of ${mine.join(', ')}` } });
    return { visit, householdId: mine[0]! };
  }

  /**
   * A household's answer: validated against the form (every problem named, nothing stored on any),
   * stored once per household (a later answer replaces it; the earlier one goes to
   * campaign_answer_history), and, when it asks for help, filed as an event for the micro-grid. A
   * help request stays on while its event is open: only closing that event ends it.
   */
  async answer(actor: Actor, campaignId: number, dto: AnswerCampaignDto): Promise<CampaignAnswerDto> {
    const c = await this.load(campaignId);
    const micro = await this.node(dto.microGridCode, 'microGridCode');
    if (micro.level !== 'micro') throw new AppError('VALIDATION_FAILED', `${micro.code} is not a micro-grid`, { fields: { microGridCode: 'not a micro-grid' } });
    if (!micro.path.startsWith(c.nodePath)) throw new AppError('VALIDATION_FAILED', `micro-grid ${micro.code} is outside this campaign's area`, { fields: { microGridCode: 'outside the campaign area' } });
    const who = await this.answeringFor(actor, micro, dto.householdId);
    const today = localDay();
    if (today < c.opensOn || today > c.closesOn) throw new AppError('CAMPAIGN_CLOSED', `the campaign is open ${c.opensOn} to ${c.closesOn}`, { opensOn: c.opensOn, closesOn: c.closesOn });
    const questions = JSON.parse(c.questions) as Question[];
    const check = checkAnswers(questions, dto.answers);
    if (Object.keys(check.problems).length) {
      const fields = Object.fromEntries(Object.entries(check.problems).map(([k, v]) => [`answers.${k}`, v]));
      throw new AppError('VALIDATION_FAILED', `invalid answers: ${Object.keys(check.problems).join(', ')}`, { fields });
    }
    if (check.photos.length) {
      const mine = await this.uploads.countOwn(actor.userId, [...new Set(check.photos)]);
      if (mine !== new Set(check.photos).size) throw new AppError('VALIDATION_FAILED', 'unknown photo ids', { fields: { 'answers.photos': 'each photo must be one of your uploads' } });
    }
    const key = who.householdId !== null ? `h:${who.householdId}` : householdKey(micro.code, dto.address);
    const now = new Date();
    const fieldsOf = { nodeId: micro.id, nodePath: micro.path, householdId: who.householdId, address: dto.address.trim(), answers: JSON.stringify(dto.answers), needsHelp: check.needsHelp, answeredBy: actor.userId, via: (who.visit ? 'visit' : 'resident') as 'visit' | 'resident', updatedAt: now };
    // The answer, the earlier one's copy and the progress counts of its city, district and street
    // in one transaction. Two racing answers for one household can deadlock on its row in InnoDB: tried again.
    const { row, updated, refile } = await this.ds.transaction(async (m) => {
      try {
        const id = await this.repo.insertAnswer({ campaignId, householdKey: key, eventId: null, createdAt: now, ...fieldsOf }, m);
        await this.countProgress(m, campaignId, micro.path, 1, check.needsHelp ? 1 : 0);
        return { row: { id, campaignId, householdKey: key, eventId: null, createdAt: now, ...fieldsOf } as CampaignAnswer, updated: false, refile: false };
      } catch (e) {
        // A later answer for the household (or two racing first ones): it replaces the earlier one.
        if (!isUniqueViolation(e)) throw e;
        const before = await this.repo.answerForUpdate(campaignId, key, m);
        if (!before) throw e;
        // An open help request is not withdrawn by an answer that no longer asks for help.
        const helpOpen = !!before.needsHelp && (before.eventId === null || !this.help || (await this.help.isOpen(m, before.eventId)));
        const needsHelp = check.needsHelp || helpOpen;
        const set = { ...fieldsOf, needsHelp };
        await this.repo.insertHistory({
          answerId: before.id,
          campaignId,
          address: before.address,
          answers: before.answers,
          needsHelp: !!before.needsHelp,
          eventId: before.eventId,
          answeredBy: before.answeredBy,
          via: before.via,
          answeredAt: before.updatedAt,
          replacedAt: now,
          replacedBy: actor.userId,
        }, m);
        await this.repo.updateAnswer(before.id, set, m);
        await this.countProgress(m, campaignId, micro.path, 0, (needsHelp ? 1 : 0) - (before.needsHelp ? 1 : 0));
        // Help asked again after the earlier request's event was closed: a new event.
        return { row: { ...before, ...set }, updated: true, refile: check.needsHelp && !helpOpen && before.eventId !== null };
      }
    });
    if (row.needsHelp && (row.eventId === null || refile) && this.help) {
      const eventId = await this.help.file(actor, c, row, questions, dto.answers);
      if (eventId) {
        await this.repo.updateAnswer(row.id, { eventId });
        row.eventId = eventId;
      }
    }
    return { ...this.answerDto(row, micro), updated };
  }

  /**
   * campaign_progress += (answered, needs help) for the city, district and street over a
   * micro-grid, in that order (every answer locks them top-down: no deadlock between two).
   */
  private async countProgress(m: EntityManager, campaignId: number, microPath: string, answered: number, needsHelp: number): Promise<void> {
    if (answered === 0 && needsHelp === 0) return;
    await this.repo.addProgress(campaignId, rollupKeys(microPath).map((k) => k.code), answered, needsHelp, m);
  }

  private answerDto(a: CampaignAnswer, micro: { code: string; name: string }): CampaignAnswerDto {
    return {
      id: a.id,
      campaignId: a.campaignId,
      householdKey: a.householdKey,
      householdId: a.householdId,
      microGrid: { code: micro.code, name: micro.name },
      address: a.address,
      answers: JSON.parse(a.answers) as Answers,
      needsHelp: Boolean(a.needsHelp),
      eventId: a.eventId,
      answeredBy: a.answeredBy,
      via: a.via,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
    };
  }

  private async scopeNode(actor: Actor, c: Campaign, code: string | undefined): Promise<NodeRef> {
    const n = code ? await this.node(code, 'node') : await this.nodeById(c.nodeId);
    await this.access.require(actor, 'campaign.read', { nodeId: n.id });
    if (!n.path.startsWith(c.nodePath)) throw new AppError('VALIDATION_FAILED', `${n.code} is outside this campaign's area`, { fields: { node: 'outside the campaign area' } });
    return n;
  }

  async answers(actor: Actor, campaignId: number, q: AnswerListQuery): Promise<Page<CampaignAnswerDto>> {
    const c = await this.load(campaignId);
    const n = await this.scopeNode(actor, c, q.node);
    const limit = q.limit ?? 50;
    const rows = await this.repo.answers({ campaignId: c.id, under: n.path, needsHelp: q.needsHelp ? q.needsHelp === 'true' : undefined, beforeId: q.cursor ? idOfCursor(q.cursor) : undefined, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const micros = await this.grid.refsByIds(page.map((a) => a.nodeId));
    const items = page.map((a) => this.answerDto(a, micros.find((m) => m.id === a.nodeId) ?? { code: '', name: '' }));
    return { items, nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!.id) : null };
  }

  /** Households answered / known for the node and each child (known: households in the register, from reg_grid_households). */
  async progress(actor: Actor, campaignId: number, code?: string): Promise<CampaignProgressDto> {
    const c = await this.load(campaignId);
    const n = await this.scopeNode(actor, c, code);
    const children = await this.grid.children(n.id);
    // Children that are cities, districts or streets: their counts from campaign_progress (a
    // city-wide campaign has millions of answers); below, the answers grouped through the index.
    const rolled = children.length > 0 && (ROLLUP_LEVELS as readonly string[]).includes(children[0]!.level);
    const answered: { nodePath: string; answered: number; needsHelp: number }[] = rolled
      ? (await this.repo.progressOf(c.id, children.map((ch) => ch.code))).map((r) => ({ nodePath: children.find((ch) => ch.code === r.nodeCode)!.path, answered: r.answered, needsHelp: r.needsHelp }))
      : await this.repo.countsByPath(c.id, n.path);
    const known = await this.members.householdsUnder(n.path);
    const depthSegs = n.path.split('/').filter(Boolean).length + 1;
    const childOf = (path: string) => `${path.split('/').filter(Boolean).slice(0, depthSegs).join('/')}/`;
    const acc = new Map<string, { answered: number; help: number; known: number }>();
    const add = (p: string, a: number, h: number, k: number) => {
      const e = acc.get(p) ?? { answered: 0, help: 0, known: 0 };
      e.answered += a;
      e.help += h;
      e.known += k;
      acc.set(p, e);
    };
    // To the node and to the child the path lies under (none when the node is a micro-grid).
    const bump = (path: string, a: number, h: number, k: number) => {
      add(n.path, a, h, k);
      if (childOf(path) !== n.path) add(childOf(path), a, h, k);
    };
    for (const r of answered) bump(r.nodePath, r.answered, r.needsHelp, 0);
    for (const [p, k] of known) bump(p, 0, 0, k);
    const rowOf = (x: { code: string; name: string; path: string }): CampaignProgressRow => {
      const e = acc.get(x.path) ?? { answered: 0, help: 0, known: 0 };
      const k = e.known || null;
      return { code: x.code, name: x.name, answered: e.answered, known: k, rate: k ? Math.round((e.answered / k) * 10000) / 10000 : null, needsHelp: e.help };
    };
    return { campaignId: c.id, node: rowOf(n), children: children.map(rowOf) };
  }
}
