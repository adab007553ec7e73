import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EventPriority, EventState, SlaStage } from '@weigrid/shared';

/** open311: filed through the GeoReport v2 API; hotline: a 12345 work order (see open311/); `proxy`: 代报, filed by staff on behalf of a caller (counted apart). */
export type EventSource = 'resident' | 'worker' | 'machine' | 'open311' | 'hotline' | 'proxy';

/**
 * One reported problem, from intake to closed and rated. `node_*` is the micro-grid that owns the
 * location (never changes after intake); `owner_*` is the node currently answerable for it
 * (raised one level by escalation and by the overdue scheduler). Every change is a conditional
 * UPDATE on (id, version, state) with an `event_audit` row and outbox rows in the same transaction.
 */
@Entity({ name: 'event' })
@Index('idx_event_node_created', ['nodePath', 'createdAt'])
@Index('idx_event_owner_state', ['ownerPath', 'state'])
@Index('idx_event_reporter', ['reporterId', 'id'])
@Index('idx_event_deadline', ['state', 'deadlineAt'])
// Dashboards count the open overdue events of a subtree from this index alone (stats/stats.service.ts).
@Index('idx_event_overdue', ['state', 'overdueAt', 'ownerPath'])
@Index('idx_event_category_created', ['category', 'createdAt'])
// 临期预警: the scheduler finds events whose warning time came (one range scan).
@Index('idx_event_warn', ['warnAt'])
export class EventRow {
  @PrimaryGeneratedColumn()
  id: number;

  /** Idempotency key: `u<userId>:<requestId>` for people, `wh<sourceId>:<alertId>` for machines. */
  @Index('uq_event_request_key', { unique: true })
  @Column({ name: 'request_key', type: 'varchar', length: 100 })
  requestKey: string;

  @Column({ type: 'varchar', length: 10 })
  source: EventSource;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ type: 'varchar', length: 1000, charset: 'utf8mb4' })
  description: string;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4', nullable: true })
  address: string | null;

  /** GCJ-02 (converted at intake when the client sent WGS-84). */
  @Column({ type: 'double', nullable: true })
  lat: number | null;

  @Column({ type: 'double', nullable: true })
  lng: number | null;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  @Column({ name: 'owner_node_id', type: 'int' })
  ownerNodeId: number;

  @Column({ name: 'owner_path', type: 'varchar', length: 200 })
  ownerPath: string;

  @Column({ type: 'varchar', length: 16 })
  state: EventState;

  /** The state an event was suspended from (缓办), to resume into. */
  @Column({ name: 'prev_state', type: 'varchar', length: 16, nullable: true })
  prevState: EventState | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'reporter_id', type: 'int', nullable: true })
  reporterId: number | null;

  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ name: 'handler_id', type: 'int', nullable: true })
  handlerId: number | null;

  @Column({ name: 'assignee_id', type: 'int', nullable: true })
  assigneeId: number | null;

  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId: number | null;

  /** JSON array of upload public ids. */
  @Column({ type: 'varchar', length: 400, default: '[]' })
  photos: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  stage: SlaStage | null;

  @Column({ name: 'deadline_at', type: 'datetime', nullable: true })
  deadlineAt: Date | null;

  /** SLA time left when suspended (ms), so resuming restores the clock instead of restarting it. */
  @Column({ name: 'sla_left_ms', type: 'int', nullable: true })
  slaLeftMs: number | null;

  /** Set when the current stage passed its deadline (cleared when a new stage starts). */
  @Column({ name: 'overdue_at', type: 'datetime', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'int', default: 0 })
  supporters: number;

  @Column({ type: 'tinyint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, charset: 'utf8mb4', nullable: true })
  ratingComment: string | null;

  /** Content security held the text or a photo: only the reporter and staff see it. */
  @Column({ type: 'boolean', default: false })
  held: boolean;

  /** Routed by a fallback (nearest / enclosing node): a person should confirm the micro-grid. */
  @Column({ name: 'needs_grid_confirm', type: 'boolean', default: false })
  needsGridConfirm: boolean;

  /** Machine intake: the source's confidence 0..1. */
  @Column({ type: 'double', nullable: true })
  confidence: number | null;

  /** 紧急 / 一般: urgent deadlines are shorter (EVENT_URGENT_FACTOR) and pushes say so. */
  @Column({ type: 'varchar', length: 8, default: 'normal' })
  priority: EventPriority;

  /** 核查 since the last 办结 (cleared by 办结 and 返工). */
  @Column({ name: 'check_result', type: 'varchar', length: 8, nullable: true })
  checkResult: 'passed' | 'failed' | null;

  /** 合并: closed as a duplicate of this event. */
  @Column({ name: 'merged_into', type: 'int', nullable: true })
  mergedInto: number | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt: Date | null;

  /** 临期预警 is due at this time (null: sent, or no deadline). */
  @Column({ name: 'warn_at', type: 'datetime', nullable: true })
  warnAt: Date | null;

  /** The last time the scheduler raised the overdue event a level (repeated while it stays overdue). */
  @Column({ name: 'escalated_at', type: 'datetime', nullable: true })
  escalatedAt: Date | null;

  /** 回访: the reporter's answer (null: not answered). */
  @Column({ name: 'followup_fixed', type: 'boolean', nullable: true })
  followupFixed: boolean | null;

  @Column({ name: 'followup_at', type: 'datetime', nullable: true })
  followupAt: Date | null;

  /** 代报: the caller's name and phone, encrypted with the register's PII key (restricted data). */
  @Column({ name: 'caller_name', type: 'varchar', length: 300, nullable: true })
  callerName: string | null;

  @Column({ name: 'caller_phone', type: 'varchar', length: 300, nullable: true })
  callerPhone: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** The timeline: one row per transition (and per overdue mark), never updated. */
@Entity({ name: 'event_audit' })
@Index('idx_event_audit_event', ['eventId', 'id'])
@Index('idx_event_audit_at', ['at'])
export class EventAudit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'event_id', type: 'int' })
  eventId: number;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ name: 'from_state', type: 'varchar', length: 16, nullable: true })
  fromState: EventState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 16 })
  toState: EventState;

  /** null: the system (scheduler, machine intake). */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 1000, charset: 'utf8mb4', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 400, default: '[]' })
  photos: string;

  /** JSON: hours, assigneeId, departmentId, rating, ownerNodeId … what the action carried. */
  @Column({ type: 'varchar', length: 400, nullable: true })
  data: string | null;

  @Column({ type: 'datetime' })
  at: Date;
}

/** "Me too": one row per supporter; `event.supporters` counts them. */
@Entity({ name: 'event_supporter' })
export class EventSupporter {
  @PrimaryColumn({ name: 'event_id', type: 'int' })
  eventId: number;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'datetime' })
  at: Date;
}

/** Deadline of a stage, per category (null category: the default for all). */
@Entity({ name: 'sla_policy' })
@Index('uq_sla_policy', ['category', 'stage'], { unique: true })
export class SlaPolicyRow {
  @PrimaryGeneratedColumn()
  id: number;

  /** '*' is the default row (a unique index cannot hold NULLs portably). */
  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ type: 'varchar', length: 8 })
  stage: SlaStage;

  @Column({ type: 'double' })
  hours: number;

  @Column({ type: 'varchar', length: 8 })
  mode: 'calendar' | 'working';
}

/** Key/value settings of the event loop (the work calendar). */
@Entity({ name: 'event_setting' })
export class EventSetting {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}

/**
 * The responsibility list (责任清单): who handles a category under a node. 吹哨 without an
 * explicit department picks the row at the deepest node above the event.
 */
@Entity({ name: 'responsibility' })
@Index('uq_responsibility', ['nodeId', 'category'], { unique: true })
export class Responsibility {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ name: 'department_id', type: 'int' })
  departmentId: number;

  /** The matter as the list words it (e.g. 占道经营的查处). */
  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' })
  matter: string;
}

/** A machine that may post events (a sensor network, a video-AI platform). */
@Entity({ name: 'webhook_source' })
export class WebhookSource {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_webhook_source_name', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** HMAC-SHA256 key (hex). Stored as given: it must be presented to verify, like a password hash cannot be. */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  /** Alerts below this confidence wait in the verify queue (state reported) instead of being accepted. */
  @Column({ name: 'min_confidence', type: 'double', default: 0.8 })
  minConfidence: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * 常用语: replies staff pick when acting, per category and state ('*' for any). Deployment-wide for
 * now; per-node storage (inherited down the tree) may replace this table without changing the API.
 */
@Entity({ name: 'event_template' })
@Index('idx_event_template_cat_state', ['category', 'state'])
export class EventTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4' })
  text: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export const EVENT_ENTITIES = [EventRow, EventAudit, EventSupporter, SlaPolicyRow, EventSetting, Responsibility, WebhookSource, EventTemplate];
