import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { HealthStatus } from '@weigrid/shared';
import { DbBreaker } from '../db/breaker.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  /** The process is up. Orchestrators restart it when this fails. */
  @Get('live')
  live(): HealthStatus {
    return { status: 'ok' };
  }

  /**
   * The process can serve: the database answers within a second (and the breaker, which probes it
   * every second, is closed). Load balancers route on this.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const started = Date.now();
    if (DbBreaker.for(this.ds).isOpen) {
      void reply.status(503);
      return { status: 'error', checks: { database: { ok: false, ms: 0, error: 'unreachable (the probe connection gets no answer)' } } };
    }
    try {
      await Promise.race([
        this.ds.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 1000 ms')), 1000).unref()),
      ]);
      return { status: 'ok', checks: { database: { ok: true, ms: Date.now() - started } } };
    } catch (e) {
      void reply.status(503);
      return { status: 'error', checks: { database: { ok: false, ms: Date.now() - started, error: (e as Error).message } } };
    }
  }
}
