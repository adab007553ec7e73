import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A campaign (三询问一完善, 返乡报备…) run for a subtree: its form schema is stored as JSON text
 * (validated by `validateQuestions` from @weigrid/shared), open from `opensOn` to `closesOn`
 * inclusive, in local (UTC+8) calendar days.
 */
@Entity({ name: 'campaign' })
@Index('idx_campaign_node', ['nodePath', 'id'])
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4' })
  title: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  template: string | null;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  @Column({ type: 'text', charset: 'utf8mb4' })
  questions: string;

  @Column({ name: 'help_category', type: 'varchar', length: 32 })
  helpCategory: string;

  @Column({ name: 'opens_on', type: 'varchar', length: 10 })
  opensOn: string;

  @Column({ name: 'closes_on', type: 'varchar', length: 10 })
  closesOn: string;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/**
 * One answer per household per campaign: `householdKey` is unique within the campaign (see
 * `householdKey()` in @weigrid/shared; `h:<id>` when the answer names a register household); a
 * second answer for the same household replaces the first, which goes to campaign_answer_history.
 * `nodePath` is the household's micro-grid, so progress per node is a range scan, and one of the
 * index alone: `needs_help` is in it, so counting answers and answers needing help reads no rows
 * (1 M answers: 279 → 26 ms for a street; docs/benchmarks.md "stats"). Cities, districts and
 * streets read `campaign_progress` instead.
 */
@Entity({ name: 'campaign_answer' })
@Index('uq_campaign_answer_household', ['campaignId', 'householdKey'], { unique: true })
@Index('idx_campaign_answer_node_help', ['campaignId', 'nodePath', 'needsHelp'])
@Index('idx_campaign_answer_household', ['householdId'])
export class CampaignAnswer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @Column({ name: 'household_key', type: 'varchar', length: 191, charset: 'utf8mb4' })
  householdKey: string;

  /** The register household (reg_household.id) when the answer names one; the household file lists its answers. */
  @Column({ name: 'household_id', type: 'int', nullable: true })
  householdId: number | null;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  @Column({ type: 'varchar', length: 150, charset: 'utf8mb4' })
  address: string;

  @Column({ type: 'text', charset: 'utf8mb4' })
  answers: string;

  @Column({ name: 'needs_help', type: 'boolean', default: false })
  needsHelp: boolean;

  /** The event filed for a help request (null until filed, or when no help was asked). */
  @Column({ name: 'event_id', type: 'int', nullable: true })
  eventId: number | null;

  @Column({ name: 'answered_by', type: 'int' })
  answeredBy: number;

  /** 'resident' answered for their own household; 'visit' a micro-grid member answered on a visit. */
  @Column({ type: 'varchar', length: 8 })
  via: 'resident' | 'visit';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/**
 * Earlier answers of a household: each replacement copies the answer it replaces here, in the
 * same transaction, so nobody's answer disappears when someone else (a family member, a visiting
 * worker) answers again.
 */
@Entity({ name: 'campaign_answer_history' })
@Index('idx_campaign_answer_history_answer', ['answerId', 'id'])
export class CampaignAnswerHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'answer_id', type: 'int' })
  answerId: number;

  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @Column({ type: 'varchar', length: 150, charset: 'utf8mb4' })
  address: string;

  @Column({ type: 'text', charset: 'utf8mb4' })
  answers: string;

  @Column({ name: 'needs_help', type: 'boolean', default: false })
  needsHelp: boolean;

  @Column({ name: 'event_id', type: 'int', nullable: true })
  eventId: number | null;

  @Column({ name: 'answered_by', type: 'int' })
  answeredBy: number;

  @Column({ type: 'varchar', length: 8 })
  via: 'resident' | 'visit';

  /** When the earlier answer was given (its updated_at). */
  @Column({ name: 'answered_at', type: 'datetime' })
  answeredAt: Date;

  @Column({ name: 'replaced_at', type: 'datetime' })
  replacedAt: Date;

  @Column({ name: 'replaced_by', type: 'int' })
  replacedBy: number;
}

/**
 * Answers and answers needing help per campaign and city, district or street: what the city's
 * dashboard and progress page read instead of counting a million answers (docs/stats.md).
 * Kept in the answer's transaction; smaller nodes count `campaign_answer` through its index.
 */
@Entity({ name: 'campaign_progress' })
export class CampaignProgress {
  @PrimaryColumn({ name: 'campaign_id', type: 'int' })
  campaignId: number;

  @PrimaryColumn({ name: 'node_code', type: 'varchar', length: 18 })
  nodeCode: string;

  @Column({ type: 'int' })
  answered: number;

  @Column({ name: 'needs_help', type: 'int' })
  needsHelp: number;
}
