import type { ErrorCode } from './errors.js';

/**
 * Which error codes an API operation may answer, for the OpenAPI spec and for clients that want
 * to handle each one. An operation's codes are the generic ones for what it takes (a token, a
 * body, a query, a path id) plus those its module's services throw (by OpenAPI tag). A server
 * test fails when a module throws a code its tag does not list here.
 */
export const GENERIC_API_ERRORS = {
  /** Every operation: the database may be briefly unreachable, writes are rate limited. */
  any: ['DB_UNAVAILABLE'],
  /** Operations behind a bearer token. */
  auth: ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'RATE_LIMITED'],
  /** Operations with a JSON body: bad JSON, too large, too deep, or invalid fields. */
  body: ['MALFORMED_REQUEST', 'INPUT_TOO_COMPLEX', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'],
  /** Operations taking a multipart/form-data upload. */
  multipart: ['MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'],
  /** Operations with query parameters. */
  query: ['VALIDATION_FAILED'],
  /** Operations on one object by a path id: ids that are no integer, or no object the caller may see. */
  path: ['MALFORMED_REQUEST', 'NOT_FOUND'],
} as const satisfies Record<string, readonly ErrorCode[]>;

/** Codes the services behind each OpenAPI tag throw, on top of the generic ones. */
export const TAG_API_ERRORS: Record<string, readonly ErrorCode[]> = {
  accounts: ['FORBIDDEN', 'NOT_FOUND', 'GONE', 'VALIDATION_FAILED', 'WECHAT_CODE_INVALID', 'WECHAT_ERROR', 'WECHAT_UNAVAILABLE'],
  admin: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'],
  auth: ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'FORBIDDEN', 'RATE_LIMITED', 'WECHAT_CODE_INVALID', 'WECHAT_ERROR', 'WECHAT_UNAVAILABLE'],
  campaigns: ['FORBIDDEN', 'NOT_FOUND', 'CAMPAIGN_CLOSED', 'VALIDATION_FAILED'],
  care: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'DUPLICATE', 'VALIDATION_FAILED'],
  catalog: ['FORBIDDEN', 'VALIDATION_FAILED'],
  events: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'STALE_VERSION', 'INVALID_TRANSITION', 'LOCATION_OUT_OF_AREA', 'OUTSIDE_GRID', 'VALIDATION_FAILED', 'UNAUTHENTICATED', 'SUPPORT_TOO_FAR'],
  grids: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRID_IMPORT_INVALID', 'LOCATION_OUT_OF_AREA', 'VALIDATION_FAILED'],
  health: ['SERVICE_UNAVAILABLE'],
  notices: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'CONTENT_HELD', 'RATE_LIMITED', 'VALIDATION_FAILED'],
  notify: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  open311: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'INVALID_TRANSITION', 'LOCATION_OUT_OF_AREA', 'VALIDATION_FAILED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'GONE'],
  overview: ['FORBIDDEN', 'NOT_FOUND', 'PERIOD_TOO_LONG', 'VALIDATION_FAILED'],
  patrols: ['FORBIDDEN', 'NOT_FOUND', 'OUTSIDE_GRID', 'PERIOD_TOO_LONG', 'VALIDATION_FAILED'],
  register: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'DUPLICATE', 'IMPORT_INVALID', 'VALIDATION_FAILED', 'CLAIM_TAKEN', 'INVALID_TRANSITION'],
  share: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  stats: ['FORBIDDEN', 'NOT_FOUND', 'PERIOD_TOO_LONG', 'VALIDATION_FAILED'],
  uploads: ['FORBIDDEN', 'NOT_FOUND', 'GONE'],
  volunteers: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'INVALID_TRANSITION', 'VALIDATION_FAILED'],
};
