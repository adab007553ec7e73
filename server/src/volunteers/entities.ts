import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 双报到: a user registered as a volunteer or party member to the micro-grid where they live. */
@Entity({ name: 'volunteer' })
@Index('uq_volunteer_user_kind', ['userId', 'kind'], { unique: true })
@Index('idx_volunteer_path', ['gridPath'])
export class Volunteer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'grid_node_id', type: 'int' })
  gridNodeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  /** Display name the volunteer gives (not the register's record). */
  @Column({ name: 'display_name', type: 'varchar', length: 50, charset: 'utf8mb4' })
  displayName: string;

  /** Skills joined by ','. */
  @Column({ type: 'varchar', length: 300, charset: 'utf8mb4', default: '' })
  skills: string;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' })
  availability: string;

  /** 党组织 for party members (报到 from their own organisation). */
  @Column({ name: 'party_org', type: 'varchar', length: 100, charset: 'utf8mb4', default: '' })
  partyOrg: string;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: string;

  @Column({ name: 'registered_at', type: 'datetime' })
  registeredAt: Date;
}

/** A task a grid worker gave a volunteer, optionally from an event; minutes count as service hours when done. */
@Entity({ name: 'volunteer_task' })
@Index('idx_volunteer_task_volunteer', ['volunteerId', 'state'])
@Index('idx_volunteer_task_path', ['gridPath', 'assignedAt'])
@Index('idx_volunteer_task_event', ['eventId'])
export class VolunteerTask {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'volunteer_id', type: 'int' })
  volunteerId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ name: 'event_id', type: 'int', nullable: true })
  eventId: number | null;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4' })
  title: string;

  @Column({ name: 'assigned_by', type: 'int' })
  assignedBy: number;

  @Column({ name: 'assigned_at', type: 'datetime' })
  assignedAt: Date;

  /** assigned | done | cancelled */
  @Column({ type: 'varchar', length: 10, default: 'assigned' })
  state: string;

  @Column({ type: 'int', default: 0 })
  minutes: number;

  @Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' })
  note: string;

  @Column({ name: 'done_at', type: 'datetime', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;
}

export const VOLUNTEER_ENTITIES: Function[] = [Volunteer, VolunteerTask];
