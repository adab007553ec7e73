import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode, type ErrorEnvelope } from '@weigrid/shared';
import { AppError } from './common/app-error.js';
import { isDbUnavailable } from './db/errors.js';

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Maps every error to `{code, message, details}`. Fastify's own errors (bad JSON, body too large,
 * wrong content type) carry a 4xx statusCode and are passed through as such; anything unknown is
 * logged with the request id and answered as INTERNAL without leaking internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const { status, body, headers } = this.toEnvelope(exception, req);
    if (status >= 500 && body.code !== 'DB_UNAVAILABLE') {
      this.log.error({ err: exception, reqId: req?.id }, 'unhandled error');
    }
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    void reply.status(status).send(body);
  }

  private toEnvelope(e: unknown, req: FastifyRequest | undefined): { status: number; body: ErrorEnvelope; headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    if (e instanceof AppError) {
      if (e.code === 'DB_UNAVAILABLE') headers['retry-after'] = '1';
      if (e.code === 'RATE_LIMITED' && typeof (e.details as { retryAfter?: number })?.retryAfter === 'number') {
        headers['retry-after'] = String((e.details as { retryAfter: number }).retryAfter);
      }
      return { status: e.status, body: { code: e.code, message: e.message, details: e.details }, headers };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const res = e.getResponse();
      if (status === 404 && typeof res === 'object' && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(String((res as { message?: unknown }).message))) {
        return { status, body: { code: 'ROUTE_NOT_FOUND', message: `no route ${req?.method} ${req?.url?.split('?')[0]}` }, headers };
      }
      const code = STATUS_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST');
      const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? e.message);
      return { status, body: { code, message }, headers };
    }
    if (isDbUnavailable(e)) {
      headers['retry-after'] = '1';
      return { status: 503, body: { code: 'DB_UNAVAILABLE', message: 'database unavailable' }, headers };
    }
    const fst = e as { statusCode?: unknown; code?: unknown; message?: unknown };
    if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      const code = STATUS_CODE[fst.statusCode] ?? 'MALFORMED_REQUEST';
      return { status: ERRORS[code].status === fst.statusCode ? fst.statusCode : 400, body: { code, message: String(fst.message ?? code), details: { reason: fst.code } }, headers };
    }
    return { status: 500, body: { code: 'INTERNAL', message: ERRORS.INTERNAL.zh }, headers };
  }
}
