import { plainToInstance, Transform } from 'class-transformer';
import { parsePiiKey } from './pii-key.js';
import { parseTemplates } from './subscribe-templates.js';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { isIP } from 'node:net';

/**
 * Every setting comes from the environment and is validated once at boot: a wrong value stops
 * the process with one line naming the variable, instead of failing later on a request.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Loopback by default: exposing the API is a deliberate choice (set 0.0.0.0 behind a proxy). */
  @IsString()
  HOST = '127.0.0.1';

  /** sqlite:<file> | sqlite::memory: | mysql://user:pass@host:port/db | mariadb://… */
  @Matches(/^(sqlite:.+|(mysql|mariadb):\/\/[^/\s]+\/[A-Za-z0-9_$-]+(\?.*)?)$/, {
    message: 'DB_URL must be sqlite:<path> or mysql://user:pass@host:port/database (several nodes of a cluster: host1:port1,host2:port2)',
  })
  DB_URL = 'sqlite:./.data/weigrid.sqlite';

  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_SIZE = 10;

  /**
   * How long a request waits for a free MariaDB/MySQL connection before it is answered 503
   * DB_UNAVAILABLE (retry-after 1) instead of hanging while the pool is full.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(60_000)
  DB_ACQUIRE_TIMEOUT_MS = 5000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Directory of the built H5 mini-app to serve at `/` (empty: do not serve). */
  @IsOptional()
  @IsString()
  H5_DIR?: string;

  /** Comma-separated origins allowed by CORS for a separately hosted H5 build; empty: same origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'WECHAT_API_BASE must be an http(s) URL' })
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  @IsString()
  WECHAT_APPID = 'wx0000000000000000';

  @IsString()
  WECHAT_SECRET = '';

  @IsString()
  UPLOAD_DIR = './.data/uploads';

  /** Where photos live: `local` (UPLOAD_DIR) or `s3` (any S3-compatible store; S3_* below). */
  @IsIn(['local', 's3'])
  STORAGE: 'local' | 's3' = 'local';

  /** S3 endpoint for MinIO / Aliyun OSS / Tencent COS (empty: AWS by region). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  @IsString()
  S3_BUCKET = '';

  @IsString()
  S3_ACCESS_KEY_ID = '';

  @IsString()
  S3_SECRET_ACCESS_KEY = '';

  /** Path-style bucket URLs (MinIO and most self-hosted stores need it). */
  @IsIn(['on', 'off'])
  S3_FORCE_PATH_STYLE: 'on' | 'off' = 'on';

  /** Key prefix inside the bucket, e.g. `weigrid/`. */
  @IsString()
  S3_PREFIX = '';

  /** Per WeChat call; a slower answer becomes 503 WECHAT_UNAVAILABLE. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(60000)
  WECHAT_TIMEOUT_MS = 5000;

  /** Which build the invite QR codes open: release | trial | develop. */
  @IsIn(['release', 'trial', 'develop'])
  WECHAT_ENV_VERSION: 'release' | 'trial' | 'develop' = 'release';

  /** Lifetime of an access token (JWT); clients refresh with the refresh token. */
  @Transform(({ value }) => (value === undefined || value === '' ? 900 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** Lifetime of a login session (refresh token) without use. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_TTL_DAYS = 30;

  /**
   * Which reverse proxies may name the client in X-Forwarded-For (the IP that per-IP login limits
   * and logs use); handed to Fastify's `trustProxy`. off (default): the TCP peer is the client and
   * the header is ignored — right when the API is exposed directly, since anyone can send it. A
   * number: that many proxy hops in front (1 = one nginx). Otherwise comma-separated IPs/CIDRs of
   * the proxies (also `loopback`, `linklocal`, `uniquelocal`): only their header is believed.
   */
  @Transform(({ value }) => (value === undefined ? false : (parseTrustProxy(String(value)) ?? String(value))))
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (v) => v === false || (typeof v === 'number' && Number.isInteger(v)) || Array.isArray(v),
      defaultMessage: () => 'TRUST_PROXY must be off, a hop count (1-10) or comma-separated proxy IPs/CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
    },
  })
  TRUST_PROXY: TrustProxy = false;

  /** Logins / token refreshes per client IP per minute. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LOGIN_PER_MIN = 30;

  /** Authenticated writes (POST/PUT/PATCH/DELETE) per user per minute. */
  @Transform(({ value }) => (value === undefined || value === '' ? 120 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_WRITE_PER_MIN = 120;

  /**
   * Where rate-limit counters live: 'memory' (per instance; the single-instance SQLite setup) or
   * 'db' (one-minute windows in the `rate_window` table, so every instance on the database shares
   * the limit).
   */
  @IsIn(['memory', 'db'])
  RATE_STORE: 'memory' | 'db' = 'memory';

  /** 'on': the API process drains the outbox itself; 'off': only `outbox-worker` processes do. */
  @IsIn(['on', 'off'])
  OUTBOX_WORKER: 'on' | 'off' = 'on';

  @Transform(num(200)) @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 200;

  @Transform(num(50)) @IsInt() @Min(1) @Max(1000)
  OUTBOX_BATCH_SIZE = 50;

  @Transform(num(10)) @IsInt() @Min(1) @Max(200)
  OUTBOX_CONCURRENCY = 10;

  @Transform(num(10)) @IsInt() @Min(1) @Max(100)
  OUTBOX_MAX_ATTEMPTS = 10;

  /** First retry delay; doubles per attempt up to OUTBOX_BACKOFF_MAX_MS. */
  @Transform(num(5000)) @IsInt() @Min(1) @Max(3_600_000)
  OUTBOX_BACKOFF_MS = 5000;

  @Transform(num(1_800_000)) @IsInt() @Min(1) @Max(86_400_000)
  OUTBOX_BACKOFF_MAX_MS = 1_800_000;

  /** How long a claimed row is protected; must exceed the slowest batch (checked at boot). */
  @Transform(num(120_000)) @IsInt() @Min(1000) @Max(86_400_000)
  OUTBOX_LEASE_MS = 120_000;

  @Transform(num(10_000)) @IsInt() @Min(100) @Max(600_000)
  OUTBOX_SEND_TIMEOUT_MS = 10_000;

  /** Sent rows are deleted after this many days (0: never). */
  @Transform(num(14)) @IsInt() @Min(0) @Max(3650)
  OUTBOX_RETENTION_DAYS = 14;

  /**
   * Subscribe-message templates as JSON, e.g. {"task_new":{"id":"<WeChat template id>","fields":
   * {"thing1":"category","thing2":"place","time3":"time"}}} (see docs/notify.md); unset: dev ids.
   */
  @IsOptional()
  @IsString()
  WECHAT_SUBSCRIBE_TEMPLATES?: string;

  /** miniprogram_state of subscribe messages: which build a tapped message opens. */
  @IsIn(['developer', 'trial', 'formal'])
  WECHAT_MINIPROGRAM_STATE: 'developer' | 'trial' | 'formal' = 'formal';

  /** A new task nobody has claimed after this many minutes is pushed to the grid worker. */
  @Transform(num(30)) @IsInt() @Min(1) @Max(10_080)
  NOTIFY_UNCLAIMED_MINUTES = 30;

  /** How often the deadline scheduler looks for overdue events (ms; 0: never, e.g. on API-only instances). */
  @Transform(num(30_000)) @IsInt() @Min(0) @Max(3_600_000)
  EVENT_SCAN_MS = 30_000;

  /** A point outside every micro-grid goes to the nearest one within this many metres (0: never). */
  @Transform(({ value }) => (value === undefined || value === '' ? 200 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(5000)
  GRID_NEAREST_MAX_M = 200;

  /**
   * A patrol check-in counts when it lies inside one of the worker's own grids or at most this
   * many metres outside (GPS drifts, and boundaries are drawn along street middles); beyond it the
   * check-in is refused with OUTSIDE_GRID.
   */
  @Transform(num(50)) @IsInt() @Min(0) @Max(1000)
  PATROL_TOLERANCE_M = 50;

  /** How often each instance checks whether the grid tree changed elsewhere (ms; 0: never). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(3600000)
  GRID_ROUTING_POLL_MS = 5000;

  /**
   * Key for personal data at rest (ID and phone numbers): 32 random bytes as 64 hex characters or
   * base64. Required in production; in development and tests a key is derived from JWT_SECRET so a
   * fresh clone runs without setup (see docs/privacy.md — never rely on that in a deployment).
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'PII_KEY must be 32 bytes as 64 hex characters or 44 base64 characters' })
  PII_KEY?: string;

  /**
   * The key being rotated away from, during a rotation only (docs/privacy.md): values written
   * under it are still read and found, new ones are written under PII_KEY, and
   * `register:rotate-key` rewrites the rest. Same format as PII_KEY; needs PII_KEY and must differ from it.
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'PII_KEY_PREVIOUS must be 32 bytes as 64 hex characters or 44 base64 characters' })
  PII_KEY_PREVIOUS?: string;
}

/** Fastify's `trustProxy`: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const PROXY_ADDR_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Fastify takes it; undefined when malformed. `true` (believe every hop) is refused
 * on purpose: any client could then pick the IP its login attempts are counted against.
 */
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'off' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n >= 1 && n <= 10 ? n : undefined;
  }
  const list = v.split(',').map((s) => s.trim());
  const ok = list.every((item) => {
    if (PROXY_ADDR_NAMES.includes(item)) return true;
    const [ip, bits, extra] = item.split('/');
    const family = isIP(ip ?? '');
    if (!family || extra !== undefined) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  return ok ? list : undefined;
}

/**
 * The value for Fastify's `trustProxy`. A hop count becomes a function: Fastify 5.12 treats a bare
 * number as "trust nothing" (a direct client could pad the header with enough hops), so we keep
 * proxy-addr's classic meaning — trust the nearest `n` hops — which is only safe when the API
 * cannot be reached except through those proxies (README: prefer the proxies' addresses).
 */
export function fastifyTrustProxy(tp: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof tp === 'number') return (_address, hop) => hop < tp;
  return tp;
}

/** Numeric env var with a default (empty or unset → default; anything else must parse). */
function num(def: number) {
  return ({ value }: { value: unknown }) => (value === undefined || value === '' ? def : Number(value));
}

export class ConfigError extends Error {}

/** Parses and validates the environment; throws ConfigError with a one-line message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new AppConfig())) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  // JWT_SECRET has no default on purpose; read it even though the instance above lacks the key.
  if (env.JWT_SECRET) raw.JWT_SECRET = env.JWT_SECRET;
  if (env.PII_KEY) raw.PII_KEY = env.PII_KEY;
  if (env.PII_KEY_PREVIOUS) raw.PII_KEY_PREVIOUS = env.PII_KEY_PREVIOUS;
  const cfg = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(cfg, { whitelist: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    const msg = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    const got = e.property === 'JWT_SECRET' || e.property === 'WECHAT_SECRET' || e.property === 'PII_KEY' || e.property === 'PII_KEY_PREVIOUS' ? '' : ` (got ${JSON.stringify(e.value)})`;
    throw new ConfigError(`invalid configuration: ${e.property}: ${msg}${got}`);
  }
  try {
    parseTemplates(cfg.WECHAT_SUBSCRIBE_TEMPLATES);
  } catch (e) {
    throw new ConfigError(`invalid configuration: ${(e as Error).message}`);
  }
  if (cfg.STORAGE === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !cfg[k]);
    if (missing.length) throw new ConfigError(`invalid configuration: STORAGE=s3 needs ${missing.join(', ')}`);
  }
  // A claimed outbox batch must be settled before its lease ends, or another worker re-sends it
  // (a batch sender that times out is followed by its rows one by one: one send timeout more).
  const worstBatch = (Math.ceil(cfg.OUTBOX_BATCH_SIZE / cfg.OUTBOX_CONCURRENCY) + 1) * cfg.OUTBOX_SEND_TIMEOUT_MS + 5000;
  if (cfg.OUTBOX_LEASE_MS < worstBatch) {
    throw new ConfigError(`invalid configuration: OUTBOX_LEASE_MS: must be at least ${worstBatch} ((ceil(OUTBOX_BATCH_SIZE / OUTBOX_CONCURRENCY) + 1) × OUTBOX_SEND_TIMEOUT_MS + 5 s)`);
  }
  if (cfg.NODE_ENV === 'production' && !cfg.PII_KEY) {
    throw new ConfigError('invalid configuration: PII_KEY: required in production (32 bytes, hex or base64) to encrypt personal data');
  }
  if (cfg.PII_KEY_PREVIOUS && !cfg.PII_KEY) throw new ConfigError('invalid configuration: PII_KEY_PREVIOUS: needs PII_KEY (the new key) as well');
  if (cfg.PII_KEY_PREVIOUS && parsePiiKey(cfg.PII_KEY_PREVIOUS).equals(parsePiiKey(cfg.PII_KEY!))) {
    throw new ConfigError('invalid configuration: PII_KEY_PREVIOUS: is the same key as PII_KEY');
  }
  return cfg;
}
