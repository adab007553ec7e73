import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error.js';
import { isDbUnavailable } from '../db/errors.js';
import { CONTENT_TYPE, jsonList, xmlList, XML_SHAPES, type Open311Format } from './georeport-format.js';

/** The format a GeoReport URL asks for (`….xml` → XML); JSON otherwise. */
export function formatOf(url: string | undefined): Open311Format {
  return /\.xml(\?|$)/i.test(url ?? '') ? 'xml' : 'json';
}

/**
 * GeoReport v2 errors: a list of `{code, description}` (XML `<errors><error>…`) with the HTTP status
 * as `code`. Bad input is 400 as the specification has it (the rest of the API says 422), an
 * unknown or revoked api_key 403, unknown service codes and requests 404, too many requests 429
 * (with Retry-After), an unreachable database 503; nothing unknown leaks.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    let status = 500;
    let description = '系统错误，请稍后再试';
    if (exception instanceof AppError) {
      status = exception.status === 422 ? 400 : exception.status;
      description = exception.message;
      const fields = (exception.details as { fields?: Record<string, string> } | undefined)?.fields;
      if (fields && !Object.keys(fields).some((k) => description.includes(k))) description = `${description} (${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')})`;
      if (exception.code === 'RATE_LIMITED') void reply.header('retry-after', String((exception.details as { retryAfter?: number })?.retryAfter ?? 60));
      if (exception.code === 'DB_UNAVAILABLE') void reply.header('retry-after', '1');
    } else if (exception instanceof HttpException) {
      status = exception.getStatus() === 422 ? 400 : exception.getStatus();
      description = exception.message;
    } else if (isDbUnavailable(exception)) {
      status = 503;
      description = '服务繁忙，请稍后再试';
      void reply.header('retry-after', '1');
    } else {
      const st = (exception as { statusCode?: unknown })?.statusCode;
      if (typeof st === 'number' && st >= 400 && st < 500) {
        status = st;
        description = String((exception as { message?: unknown }).message ?? 'bad request');
      } else {
        this.log.error({ err: exception, reqId: req?.id }, 'unhandled error');
      }
    }
    const records = [{ code: status, description }];
    const format = formatOf(req?.url);
    void reply.status(status).header('content-type', CONTENT_TYPE[format]).send(format === 'xml' ? xmlList(XML_SHAPES.errors, records) : jsonList(records));
  }
}
