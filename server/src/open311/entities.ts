import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An external system allowed to file and follow cases: an Open311 client (an app, a 城运/数字城管
 * platform, researchers) or a 12345 hotline. Scoped to one grid node: what it files must route
 * under that node. Its API key is stored as a SHA-256 hash (keys are 256-bit random, so a plain
 * hash is enough); the HMAC secret for signed intake and callbacks is stored as given, like a
 * machine source's (it must be presented to verify).
 */
@Entity({ name: 'api_client' })
export class ApiClient {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_api_client_name', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** What the client is for, shown to admins (e.g. 锦江区12345热线). */
  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4', default: '' })
  label: string;

  /** 'open311': api_key on the GeoReport API; 'hotline': HMAC-signed work orders (and an api_key too). */
  @Column({ type: 'varchar', length: 10 })
  kind: 'open311' | 'hotline';

  /** SHA-256 of the api key (hex). */
  @Index('uq_api_client_key', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The key's first characters, so admins can tell keys apart without seeing them. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 12 })
  keyPrefix: string;

  /** HMAC-SHA256 key (hex) for signed work orders and outbound callbacks. */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  /** Requests per minute this key may make (each over it: 429). */
  @Column({ name: 'rate_per_min', type: 'int', default: 60 })
  ratePerMin: number;

  /** Where each state change of a case it follows is posted (null: no callbacks). */
  @Column({ name: 'callback_url', type: 'varchar', length: 300, nullable: true })
  callbackUrl: string | null;

  /** 'own': changes of cases this client filed; 'node': of every case under its node. */
  @Column({ name: 'callback_scope', type: 'varchar', length: 8, default: 'own' })
  callbackScope: 'own' | 'node';

  /** A micro-grid (often virtual, e.g. 热线待分拨) for cases that come with an address only. */
  @Column({ name: 'fallback_grid_code', type: 'varchar', length: 24, nullable: true })
  fallbackGridCode: string | null;

  /** Category for hotline orders whose hint matches no category (null: such orders are refused). */
  @Column({ name: 'default_category', type: 'varchar', length: 32, nullable: true })
  defaultCategory: string | null;

  /** null: created by the command-line tool. */
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;
}

/** Who did what to a client (created, key rotated, revoked) and who read a caller's contact. Never updated. */
@Entity({ name: 'api_client_audit' })
@Index('idx_api_client_audit_client', ['clientId', 'id'])
export class ApiClientAudit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'client_id', type: 'int' })
  clientId: number;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  /** null: the command-line tool (its operator is named in `data`). */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 1000, charset: 'utf8mb4', nullable: true })
  data: string | null;

  @Column({ type: 'datetime' })
  at: Date;
}

/**
 * A case an external client filed: the event, the client's own id for it (the 12345 order id;
 * a generated token for Open311), and what the event row has no place for — attribute answers,
 * media URL, the requester's or caller's contact (encrypted, see PiiCipher) and the hotline deadline.
 */
@Entity({ name: 'open311_request' })
@Index('uq_open311_request_client_ext', ['clientId', 'externalId'], { unique: true })
@Index('idx_open311_request_client', ['clientId', 'eventId'])
// GET tokens/{token} finds an Open311 token without knowing the client.
@Index('idx_open311_request_external', ['externalId'])
export class Open311Request {
  @PrimaryColumn({ name: 'event_id', type: 'int' })
  eventId: number;

  @Column({ name: 'client_id', type: 'int' })
  clientId: number;

  /** The 12345 order id, or the Open311 token handed back on POST. */
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  /** JSON: attribute code → value(s). */
  @Column({ type: 'varchar', length: 2000, charset: 'utf8mb4', nullable: true })
  attributes: string | null;

  @Column({ name: 'media_url', type: 'varchar', length: 500, nullable: true })
  mediaUrl: string | null;

  /** PiiCipher ciphertext of a JSON object (name, phone, email, device_id, account_id). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  contact: string | null;

  /** The hotline's own deadline (办结时限), if it sent one. */
  @Column({ name: 'due_at', type: 'datetime', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** An extra question of a service (GeoReport v2 service definition attribute). */
@Entity({ name: 'open311_attribute' })
@Index('uq_open311_attribute', ['serviceCode', 'code'], { unique: true })
export class Open311Attribute {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'service_code', type: 'varchar', length: 32 })
  serviceCode: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

  @Column({ type: 'boolean', default: false })
  required: boolean;

  /** false: an informational text shown to the requester, no answer expected. */
  @Column({ type: 'boolean', default: true })
  variable: boolean;

  @Column({ type: 'varchar', length: 300, charset: 'utf8mb4' })
  description: string;

  @Column({ name: 'datatype_description', type: 'varchar', length: 300, charset: 'utf8mb4', nullable: true })
  datatypeDescription: string | null;

  @Column({ name: 'sort', type: 'int', default: 0 })
  sort: number;

  /** JSON [{key, name}] for the list types. */
  @Column({ name: 'value_list', type: 'varchar', length: 2000, charset: 'utf8mb4', nullable: true })
  valueList: string | null;
}

/**
 * One callback per (subscriber, state change): the unique key makes the relay write each outbox
 * row once however many instances scan the audit trail.
 */
@Entity({ name: 'open311_callback' })
@Index('uq_open311_callback', ['clientId', 'auditId'], { unique: true })
export class Open311Callback {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'client_id', type: 'int' })
  clientId: number;

  @Column({ name: 'audit_id', type: 'int' })
  auditId: number;

  @Column({ name: 'event_id', type: 'int' })
  eventId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** The relay's position in event_audit (one row). */
@Entity({ name: 'open311_relay_state' })
export class Open311RelayState {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int', default: 0 })
  watermark: number;
}

export const OPEN311_ENTITIES = [ApiClient, ApiClientAudit, Open311Request, Open311Attribute, Open311Callback, Open311RelayState];
