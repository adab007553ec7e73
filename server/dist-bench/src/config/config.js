var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { plainToInstance, Transform } from 'class-transformer';
import { parseTemplates } from '../notify/templates.js';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
/**
 * Every setting comes from the environment and is validated once at boot: a wrong value stops
 * the process with one line naming the variable, instead of failing later on a request.
 */
export class AppConfig {
    NODE_ENV = 'development';
    PORT = 3000;
    /** Loopback by default: exposing the API is a deliberate choice (set 0.0.0.0 behind a proxy). */
    HOST = '127.0.0.1';
    /** sqlite:<file> | sqlite::memory: | mysql://user:pass@host:port/db | mariadb://… */
    DB_URL = 'sqlite:./.data/weigrid.sqlite';
    DB_POOL_SIZE = 10;
    LOG_LEVEL = 'info';
    /** Directory of the built H5 mini-app to serve at `/` (empty: do not serve). */
    H5_DIR;
    /** Comma-separated origins allowed by CORS for a separately hosted H5 build; empty: same origin only. */
    CORS_ORIGINS;
    JWT_SECRET;
    WECHAT_API_BASE = 'https://api.weixin.qq.com';
    WECHAT_APPID = 'wx0000000000000000';
    WECHAT_SECRET = '';
    UPLOAD_DIR = './.data/uploads';
    /** Per WeChat call; a slower answer becomes 503 WECHAT_UNAVAILABLE. */
    WECHAT_TIMEOUT_MS = 5000;
    /** Which build the invite QR codes open: release | trial | develop. */
    WECHAT_ENV_VERSION = 'release';
    /** Lifetime of an access token (JWT); clients refresh with the refresh token. */
    JWT_TTL_SECONDS = 900;
    /** Lifetime of a login session (refresh token) without use. */
    SESSION_TTL_DAYS = 30;
    /** Logins / token refreshes per client IP per minute. */
    RATE_LOGIN_PER_MIN = 30;
    /** Authenticated writes (POST/PUT/PATCH/DELETE) per user per minute. */
    RATE_WRITE_PER_MIN = 120;
    /** 'on': the API process drains the outbox itself; 'off': only `outbox-worker` processes do. */
    OUTBOX_WORKER = 'on';
    OUTBOX_POLL_MS = 200;
    OUTBOX_BATCH_SIZE = 50;
    OUTBOX_CONCURRENCY = 10;
    OUTBOX_MAX_ATTEMPTS = 10;
    /** First retry delay; doubles per attempt up to OUTBOX_BACKOFF_MAX_MS. */
    OUTBOX_BACKOFF_MS = 5000;
    OUTBOX_BACKOFF_MAX_MS = 1_800_000;
    /** How long a claimed row is protected; must exceed the slowest batch (checked at boot). */
    OUTBOX_LEASE_MS = 120_000;
    OUTBOX_SEND_TIMEOUT_MS = 10_000;
    /** Sent rows are deleted after this many days (0: never). */
    OUTBOX_RETENTION_DAYS = 14;
    /**
     * Subscribe-message templates as JSON, e.g. {"task_new":{"id":"<WeChat template id>","fields":
     * {"thing1":"category","thing2":"place","time3":"time"}}} (see docs/notify.md); unset: dev ids.
     */
    WECHAT_SUBSCRIBE_TEMPLATES;
    /** miniprogram_state of subscribe messages: which build a tapped message opens. */
    WECHAT_MINIPROGRAM_STATE = 'formal';
    /** A new task nobody has claimed after this many minutes is pushed to the grid worker. */
    NOTIFY_UNCLAIMED_MINUTES = 30;
    /**
     * Key for personal data at rest (ID and phone numbers): 32 random bytes as 64 hex characters or
     * base64. Required in production; in development and tests a key is derived from JWT_SECRET so a
     * fresh clone runs without setup (see docs/privacy.md — never rely on that in a deployment).
     */
    PII_KEY;
}
__decorate([
    IsIn(['development', 'production', 'test']),
    __metadata("design:type", String)
], AppConfig.prototype, "NODE_ENV", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value))),
    IsInt(),
    Min(0),
    Max(65535),
    __metadata("design:type", Object)
], AppConfig.prototype, "PORT", void 0);
__decorate([
    IsString(),
    __metadata("design:type", Object)
], AppConfig.prototype, "HOST", void 0);
__decorate([
    Matches(/^(sqlite:.+|(mysql|mariadb):\/\/[^/\s]+\/[A-Za-z0-9_$-]+(\?.*)?)$/, {
        message: 'DB_URL must be sqlite:<path> or mysql://user:pass@host:port/database',
    }),
    __metadata("design:type", Object)
], AppConfig.prototype, "DB_URL", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value))),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Object)
], AppConfig.prototype, "DB_POOL_SIZE", void 0);
__decorate([
    IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    __metadata("design:type", Object)
], AppConfig.prototype, "LOG_LEVEL", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], AppConfig.prototype, "H5_DIR", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], AppConfig.prototype, "CORS_ORIGINS", void 0);
__decorate([
    IsString(),
    MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' }),
    __metadata("design:type", String)
], AppConfig.prototype, "JWT_SECRET", void 0);
__decorate([
    Matches(/^https?:\/\/[^\s]+$/, { message: 'WECHAT_API_BASE must be an http(s) URL' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "WECHAT_API_BASE", void 0);
__decorate([
    IsString(),
    __metadata("design:type", Object)
], AppConfig.prototype, "WECHAT_APPID", void 0);
__decorate([
    IsString(),
    __metadata("design:type", Object)
], AppConfig.prototype, "WECHAT_SECRET", void 0);
__decorate([
    IsString(),
    __metadata("design:type", Object)
], AppConfig.prototype, "UPLOAD_DIR", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value))),
    IsInt(),
    Min(100),
    Max(60000),
    __metadata("design:type", Object)
], AppConfig.prototype, "WECHAT_TIMEOUT_MS", void 0);
__decorate([
    IsIn(['release', 'trial', 'develop']),
    __metadata("design:type", String)
], AppConfig.prototype, "WECHAT_ENV_VERSION", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 900 : Number(value))),
    IsInt(),
    Min(10),
    Max(86400),
    __metadata("design:type", Object)
], AppConfig.prototype, "JWT_TTL_SECONDS", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value))),
    IsInt(),
    Min(1),
    Max(365),
    __metadata("design:type", Object)
], AppConfig.prototype, "SESSION_TTL_DAYS", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value))),
    IsInt(),
    Min(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_LOGIN_PER_MIN", void 0);
__decorate([
    Transform(({ value }) => (value === undefined || value === '' ? 120 : Number(value))),
    IsInt(),
    Min(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_WRITE_PER_MIN", void 0);
__decorate([
    IsIn(['on', 'off']),
    __metadata("design:type", String)
], AppConfig.prototype, "OUTBOX_WORKER", void 0);
__decorate([
    Transform(num(200)),
    IsInt(),
    Min(10),
    Max(60_000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_POLL_MS", void 0);
__decorate([
    Transform(num(50)),
    IsInt(),
    Min(1),
    Max(1000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_BATCH_SIZE", void 0);
__decorate([
    Transform(num(10)),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_CONCURRENCY", void 0);
__decorate([
    Transform(num(10)),
    IsInt(),
    Min(1),
    Max(100),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_MAX_ATTEMPTS", void 0);
__decorate([
    Transform(num(5000)),
    IsInt(),
    Min(1),
    Max(3_600_000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_BACKOFF_MS", void 0);
__decorate([
    Transform(num(1_800_000)),
    IsInt(),
    Min(1),
    Max(86_400_000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_BACKOFF_MAX_MS", void 0);
__decorate([
    Transform(num(120_000)),
    IsInt(),
    Min(1000),
    Max(86_400_000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_LEASE_MS", void 0);
__decorate([
    Transform(num(10_000)),
    IsInt(),
    Min(100),
    Max(600_000),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_SEND_TIMEOUT_MS", void 0);
__decorate([
    Transform(num(14)),
    IsInt(),
    Min(0),
    Max(3650),
    __metadata("design:type", Object)
], AppConfig.prototype, "OUTBOX_RETENTION_DAYS", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], AppConfig.prototype, "WECHAT_SUBSCRIBE_TEMPLATES", void 0);
__decorate([
    IsIn(['developer', 'trial', 'formal']),
    __metadata("design:type", String)
], AppConfig.prototype, "WECHAT_MINIPROGRAM_STATE", void 0);
__decorate([
    Transform(num(30)),
    IsInt(),
    Min(1),
    Max(10_080),
    __metadata("design:type", Object)
], AppConfig.prototype, "NOTIFY_UNCLAIMED_MINUTES", void 0);
__decorate([
    IsOptional(),
    Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'PII_KEY must be 32 bytes as 64 hex characters or 44 base64 characters' }),
    __metadata("design:type", String)
], AppConfig.prototype, "PII_KEY", void 0);
/** Numeric env var with a default (empty or unset → default; anything else must parse). */
function num(def) {
    return ({ value }) => (value === undefined || value === '' ? def : Number(value));
}
export class ConfigError extends Error {
}
/** Parses and validates the environment; throws ConfigError with a one-line message. */
export function loadConfig(env = process.env) {
    const raw = {};
    for (const key of Object.keys(new AppConfig())) {
        const v = env[key];
        if (v !== undefined && v !== '')
            raw[key] = v;
    }
    // JWT_SECRET has no default on purpose; read it even though the instance above lacks the key.
    if (env.JWT_SECRET)
        raw.JWT_SECRET = env.JWT_SECRET;
    if (env.PII_KEY)
        raw.PII_KEY = env.PII_KEY;
    const cfg = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
    const errors = validateSync(cfg, { whitelist: false });
    if (errors.length > 0) {
        const e = errors[0];
        const msg = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
        const got = e.property === 'JWT_SECRET' || e.property === 'WECHAT_SECRET' || e.property === 'PII_KEY' ? '' : ` (got ${JSON.stringify(e.value)})`;
        throw new ConfigError(`invalid configuration: ${e.property}: ${msg}${got}`);
    }
    try {
        parseTemplates(cfg.WECHAT_SUBSCRIBE_TEMPLATES);
    }
    catch (e) {
        throw new ConfigError(`invalid configuration: ${e.message}`);
    }
    // A claimed outbox batch must be settled before its lease ends, or another worker re-sends it.
    const worstBatch = Math.ceil(cfg.OUTBOX_BATCH_SIZE / cfg.OUTBOX_CONCURRENCY) * cfg.OUTBOX_SEND_TIMEOUT_MS + 5000;
    if (cfg.OUTBOX_LEASE_MS < worstBatch) {
        throw new ConfigError(`invalid configuration: OUTBOX_LEASE_MS: must be at least ${worstBatch} (ceil(OUTBOX_BATCH_SIZE / OUTBOX_CONCURRENCY) × OUTBOX_SEND_TIMEOUT_MS + 5 s)`);
    }
    if (cfg.NODE_ENV === 'production' && !cfg.PII_KEY) {
        throw new ConfigError('invalid configuration: PII_KEY: required in production (32 bytes, hex or base64) to encrypt personal data');
    }
    return cfg;
}
//# sourceMappingURL=config.js.map