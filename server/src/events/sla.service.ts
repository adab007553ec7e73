import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SLA_STAGES, type SlaPolicyDto, type SlaStage } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { requireRuleMaker } from '../access/rule-maker.js';
import { addSlaHours, DEFAULT_CALENDAR, parseCalendar, slaElapsedMs, type StagePolicy, type WorkCalendar } from '../sla/clock.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import { SlaRepo } from './sla.repo.js';

/** Used where no row says otherwise: verify within 4 working hours, handle within 3 working days, close within 72 h. */
export const DEFAULT_POLICIES: Record<SlaStage, StagePolicy> = {
  verify: { hours: 4, mode: 'working' },
  handle: { hours: 24, mode: 'working' },
  close: { hours: 72, mode: 'calendar' },
};
const CALENDAR_KEY = 'work_calendar';
/** Policies and calendar are read on every intake; another instance's edit shows within this. */
const CACHE_MS = 5000;

interface Cache {
  at: number;
  policies: Map<string, StagePolicy>;
  calendar: WorkCalendar;
}

/**
 * Deadlines per category and stage (sla_policy rows; category '*' is the default) in calendar or
 * working hours of the work calendar (event_setting 'work_calendar'). Cached in memory for a few
 * seconds because intake reads them on every report.
 */
@Injectable()
export class SlaService {
  private cache: Cache | null = null;

  // The repositories default to ones on `ds`: the stats CLI builds this service by hand.
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: SlaRepo = new SlaRepo(ds),
    private readonly categories: CategoriesRepo = new CategoriesRepo(ds),
  ) {}

  private async load(): Promise<Cache> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache;
    const rows = await this.repo.policies();
    const policies = new Map<string, StagePolicy>();
    for (const r of rows) policies.set(`${r.category}|${r.stage}`, { hours: Number(r.hours), mode: r.mode });
    const cal = await this.repo.setting(CALENDAR_KEY);
    let calendar = DEFAULT_CALENDAR;
    if (cal !== null) {
      try {
        calendar = JSON.parse(cal) as WorkCalendar;
        parseCalendar(calendar);
      } catch {
        calendar = DEFAULT_CALENDAR;
      }
    }
    this.cache = { at: Date.now(), policies, calendar };
    return this.cache;
  }

  async policy(category: string, stage: SlaStage): Promise<StagePolicy> {
    const c = await this.load();
    return c.policies.get(`${category}|${stage}`) ?? c.policies.get(`*|${stage}`) ?? DEFAULT_POLICIES[stage];
  }

  async calendar(): Promise<WorkCalendar> {
    return (await this.load()).calendar;
  }

  /**
   * The deadline of `stage` for a category, starting at `from` (plus extra hours granted); `factor`
   * scales the stage's hours (紧急 events get a share of them).
   */
  async deadline(category: string, stage: SlaStage | null, from: Date, extraHours = 0, factor = 1): Promise<Date | null> {
    if (!stage) return null;
    const p = await this.policy(category, stage);
    return addSlaHours(from, p.hours * factor + extraHours, p.mode, await this.calendar());
  }

  /** SLA time left until `deadline` (for suspension), in the stage's mode. */
  async remainingMs(category: string, stage: SlaStage, now: Date, deadline: Date): Promise<number> {
    const p = await this.policy(category, stage);
    return slaElapsedMs(now, deadline, p.mode, await this.calendar());
  }

  async resumeDeadline(category: string, stage: SlaStage, now: Date, leftMs: number): Promise<Date> {
    const p = await this.policy(category, stage);
    return addSlaHours(now, Math.max(0, leftMs) / 3_600_000, p.mode, await this.calendar());
  }

  async extend(category: string, stage: SlaStage, deadline: Date, hours: number): Promise<Date> {
    const p = await this.policy(category, stage);
    return addSlaHours(deadline, hours, p.mode, await this.calendar());
  }

  // ── administration ──

  async listPolicies(): Promise<SlaPolicyDto[]> {
    const c = await this.load();
    const out: SlaPolicyDto[] = SLA_STAGES.map((stage) => ({ category: null, stage, ...(c.policies.get(`*|${stage}`) ?? DEFAULT_POLICIES[stage]) }));
    for (const [key, p] of c.policies) {
      const [category, stage] = key.split('|') as [string, SlaStage];
      if (category !== '*') out.push({ category, stage, ...p });
    }
    return out;
  }

  /** Sets one policy (city or district admins: deadlines are a city-wide rule). */
  async setPolicy(actor: Actor, input: SlaPolicyDto): Promise<SlaPolicyDto[]> {
    await requireRuleMaker(this.access, actor, 'deadlines');
    const category = input.category ?? '*';
    if (category !== '*') {
      if (!(await this.categories.byCode(category))) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    }
    await this.ds.transaction((m) => this.repo.replacePolicy({ category, stage: input.stage, hours: input.hours, mode: input.mode }, m));
    this.cache = null;
    return this.listPolicies();
  }

  async setCalendar(actor: Actor, cal: WorkCalendar): Promise<WorkCalendar> {
    await requireRuleMaker(this.access, actor, 'the work calendar and deadlines');
    try {
      parseCalendar(cal);
    } catch (e) {
      throw new AppError('VALIDATION_FAILED', (e as Error).message, { fields: { calendar: (e as Error).message } });
    }
    const value = JSON.stringify({ utcOffsetMinutes: cal.utcOffsetMinutes, workdays: cal.workdays, windows: cal.windows, holidays: cal.holidays, extraWorkdays: cal.extraWorkdays });
    await this.ds.transaction((m) => this.repo.replaceSetting(CALENDAR_KEY, value, m));
    this.cache = null;
    return this.calendar();
  }
}
