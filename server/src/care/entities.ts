import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A recurring visit owed to a person with a care tag (e.g. 独居老人 weekly). */
@Entity({ name: 'care_schedule' })
@Index('idx_care_schedule_due', ['gridPath', 'nextDueAt'])
@Index('idx_care_schedule_person', ['personId'])
export class CareSchedule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'person_id', type: 'int' })
  personId: number;

  @Column({ name: 'household_id', type: 'int' })
  householdId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'varchar', length: 16, charset: 'utf8mb4' })
  tag: string;

  @Column({ name: 'interval_days', type: 'int' })
  intervalDays: number;

  @Column({ name: 'next_due_at', type: 'datetime' })
  nextDueAt: Date;

  @Column({ name: 'last_visit_at', type: 'datetime', nullable: true })
  lastVisitAt: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A visit that happened: who, when, notes and photos; it may have raised an event. */
@Entity({ name: 'care_visit' })
@Index('idx_care_visit_household', ['householdId', 'visitedAt'])
@Index('idx_care_visit_person', ['personId', 'visitedAt'])
@Index('idx_care_visit_path', ['gridPath', 'visitedAt'])
export class CareVisit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'schedule_id', type: 'int', nullable: true })
  scheduleId: number | null;

  @Column({ name: 'person_id', type: 'int' })
  personId: number;

  @Column({ name: 'household_id', type: 'int' })
  householdId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ name: 'visitor_user_id', type: 'int' })
  visitorUserId: number;

  @Column({ name: 'visited_at', type: 'datetime' })
  visitedAt: Date;

  @Column({ type: 'text', charset: 'utf8mb4' })
  notes: string;

  /** JSON array of upload keys. */
  @Column({ type: 'text' })
  photos: string;

  @Column({ name: 'event_id', type: 'int', nullable: true })
  eventId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export const CARE_ENTITIES: Function[] = [CareSchedule, CareVisit];
