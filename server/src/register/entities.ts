import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/*
 * The household register (一户一档). Every row carries `grid_path`, the materialized path of its
 * micro-grid (copied from grid_node.path), so a scope check or a subtree listing is one indexed
 * range scan on `grid_path` (subtreeSql; register/subtrees.ts) with no join to the tree. Grid
 * codes encode their parent, so a micro-grid's path does not change under a row.
 */

/** 地: an address inside a micro-grid (building / unit / room; '' when not applicable). */
@Entity({ name: 'reg_place' })
@Index('uq_reg_place_address', ['gridNodeId', 'address', 'building', 'unit', 'room'], { unique: true })
@Index('idx_reg_place_path', ['gridPath'])
export class RegPlace {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'grid_node_id', type: 'int' })
  gridNodeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4' })
  address: string;

  @Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' })
  building: string;

  @Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' })
  unit: string;

  @Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' })
  room: string;

  /** GCJ-02, optional. */
  @Column({ type: 'double', nullable: true })
  lng: number | null;

  @Column({ type: 'double', nullable: true })
  lat: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** 户: a household living at a place. */
@Entity({ name: 'reg_household' })
@Index('idx_reg_household_place', ['placeId'])
@Index('idx_reg_household_path', ['gridPath'])
export class RegHousehold {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'place_id', type: 'int' })
  placeId: number;

  @Column({ name: 'grid_node_id', type: 'int' })
  gridNodeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  /** The household's number in the community's own books (户编号), '' when none. */
  @Column({ type: 'varchar', length: 32, charset: 'utf8mb4', default: '' })
  code: string;

  @Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' })
  note: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/**
 * Households per micro-grid (by the grid's path), kept in the same transaction as each household
 * insert: a campaign's "known households" for a city is then 126 k rows read, not millions of
 * reg_household rows grouped (register/household-counts.ts).
 */
@Entity({ name: 'reg_grid_households' })
export class RegGridHouseholds {
  @PrimaryColumn({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'int' })
  households: number;
}

/**
 * 人: a person in a household. ID and phone numbers are stored only as AES-256-GCM ciphertext
 * plus a keyed hash for exact lookup (see pii-cipher.ts and docs/privacy.md). The name is kept
 * in clear so that prefix search works; it is masked in API answers for roles that do not need it.
 */
@Entity({ name: 'reg_person' })
@Index('idx_reg_person_household', ['householdId'])
@Index('idx_reg_person_name', ['name', 'gridNodeId'])
@Index('idx_reg_person_path', ['gridPath'])
@Index('idx_reg_person_phone', ['phoneHash'])
@Index('idx_reg_person_idno', ['idHash'], { unique: true })
@Index('idx_reg_person_user', ['userId'])
export class RegPerson {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'household_id', type: 'int' })
  householdId: number;

  /**
   * The household's micro-grid: the compact scope key of the name index (4 bytes where grid_path
   * is ~70), which keeps the register's random-insert indexes small enough to stay in memory
   * at 1,000,000 people (see search.ts and docs/benchmarks.md).
   */
  @Column({ name: 'grid_node_id', type: 'int' })
  gridNodeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'varchar', length: 50, charset: 'utf8mb4' })
  name: string;

  @Column({ type: 'varchar', length: 10, charset: 'utf8mb4', default: '其他' })
  relation: string;

  @Column({ name: 'phone_enc', type: 'varchar', length: 120, nullable: true })
  phoneEnc: string | null;

  /** Keyed hash (16 bytes, binary: half the index of 32 hex characters). */
  @Column({ name: 'phone_hash', type: 'binary', length: 16, nullable: true })
  phoneHash: Buffer | null;

  @Column({ name: 'id_enc', type: 'varchar', length: 120, nullable: true })
  idEnc: string | null;

  @Column({ name: 'id_hash', type: 'binary', length: 16, nullable: true })
  idHash: Buffer | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  gender: 'male' | 'female' | null;

  /** Tags joined by ',' for display; reg_person_tag is what searches use. */
  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' })
  tags: string;

  /** The resident's account, once linked: they may then see and correct their own household. */
  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** One row per (person, tag), keyed for "all 独居老人 in this street" as one range scan. */
@Entity({ name: 'reg_person_tag' })
@Index('idx_reg_person_tag_scope', ['tag', 'gridPath', 'personId'])
export class RegPersonTag {
  @PrimaryColumn({ name: 'person_id', type: 'int' })
  personId: number;

  @PrimaryColumn({ type: 'varchar', length: 16, charset: 'utf8mb4' })
  tag: string;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;
}

/** 组织: a shop, company or association at a place. Contacts are business contacts, kept in clear. */
@Entity({ name: 'reg_organization' })
@Index('idx_reg_org_place', ['placeId'])
@Index('idx_reg_org_path', ['gridPath'])
export class RegOrganization {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'place_id', type: 'int' })
  placeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** 统一社会信用代码, optional. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 50, charset: 'utf8mb4', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** 物: a risk at a place (gas, e-bike charging, vacant building…) and where its rectification stands. */
@Entity({ name: 'reg_risk_item' })
@Index('idx_reg_risk_place', ['placeId'])
@Index('idx_reg_risk_path', ['gridPath', 'state'])
export class RegRiskItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'place_id', type: 'int' })
  placeId: number;

  @Column({ name: 'household_id', type: 'int', nullable: true })
  householdId: number | null;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  state: string;

  @Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' })
  note: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'resolved_at', type: 'datetime', nullable: true })
  resolvedAt: Date | null;
}

/**
 * Who looked at whose personal data, and who tried to look outside their scope (PIPL art. 51:
 * access control and audit). Rows are only ever inserted; admins query them.
 */
@Entity({ name: 'reg_access_log' })
@Index('idx_reg_access_at', ['at'])
@Index('idx_reg_access_user', ['userId', 'at'])
@Index('idx_reg_access_target', ['targetType', 'targetId'])
@Index('idx_reg_access_path', ['gridPath', 'at'])
export class RegAccessLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  /** person.read_full, person.lookup, household.read, register.export, … */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: string;

  @Column({ name: 'target_id', type: 'int', nullable: true })
  targetId: number | null;

  /** The target's grid path (what scope it lives in), so each level's admins see their own part of the log. */
  @Column({ name: 'grid_path', type: 'varchar', length: 200, nullable: true })
  gridPath: string | null;

  @Column({ type: 'boolean' })
  allowed: boolean;

  @Column({ type: 'varchar', length: 300, charset: 'utf8mb4', default: '' })
  detail: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}

/**
 * A resident's request to be linked to a register entry (reg_person.user_id). Knowing a name and
 * an ID number proves nothing (both are on every form people fill in), so a claim stays pending
 * until the micro-grid's staff confirm it, unless the caller's WeChat-verified phone is the
 * record's phone. `live` is 1 while the claim is pending or confirmed and NULL once it is rejected
 * or superseded: the unique (person_id, live) index lets one live claim per person exist, so a
 * second claimant is refused even when two arrive at once (NULLs never collide).
 */
@Entity({ name: 'reg_claim' })
@Index('uq_reg_claim_live', ['personId', 'live'], { unique: true })
@Index('idx_reg_claim_path', ['gridPath', 'state'])
@Index('idx_reg_claim_user', ['userId'])
export class RegClaim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'person_id', type: 'int' })
  personId: number;

  @Column({ name: 'household_id', type: 'int' })
  householdId: number;

  @Column({ name: 'grid_node_id', type: 'int' })
  gridNodeId: number;

  @Column({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  /** The claimant's account. */
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  /** pending | confirmed | rejected | superseded */
  @Column({ type: 'varchar', length: 12 })
  state: string;

  /** worker | phone */
  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column({ type: 'tinyint', nullable: true })
  live: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  /** The staff member who confirmed or rejected it (null: matched by phone, or superseded). */
  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' })
  reason: string;
}

export const REGISTER_ENTITIES: Function[] = [RegPlace, RegHousehold, RegGridHouseholds, RegPerson, RegPersonTag, RegOrganization, RegRiskItem, RegAccessLog, RegClaim];
