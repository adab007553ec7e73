import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { HealthStatus } from '@weigrid/shared';
import { DbBreaker } from '../db/breaker.js';
import { ping, poolStats } from '../db/pool.js';
import { Public } from '../auth/decorators.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  /** The process is up. Orchestrators restart it when this fails. */
  @Get('live')
  @Public('liveness probe for the load balancer')
  live(): HealthStatus {
    return { status: 'ok' };
  }

  /**
   * The process can serve: the database answers within a second (and the breaker, which probes it
   * every second, is closed), and a pooled connection is free within that second — a pool whose
   * every connection is held (a stuck flow, or more load than it can take) is reported as such, so
   * a load balancer routes around this instance instead of queueing behind it. Load balancers
   * route on this.
   */
  @Get('ready')
  @Public('readiness probe for the load balancer')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const started = Date.now();
    if (DbBreaker.for(this.ds).isOpen) {
      void reply.status(503);
      return { status: 'error', checks: { database: { ok: false, ms: 0, error: 'unreachable (the probe connection gets no answer)' } } };
    }
    const pool = poolStats(this.ds) ?? undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(this.ds),
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            const p = poolStats(this.ds);
            reject(new Error(p && p.inUse >= p.size ? `connection pool exhausted: ${p.inUse} of ${p.size} in use, ${p.waiting} waiting for over 1000 ms` : 'no answer within 1000 ms'));
          }, 1000);
        }),
      ]);
      return { status: 'ok', checks: { database: { ok: true, ms: Date.now() - started, ...(pool ? { pool } : {}) } } };
    } catch (e) {
      void reply.status(503);
      const p = poolStats(this.ds);
      return { status: 'error', checks: { database: { ok: false, ms: Date.now() - started, error: (e as Error).message, ...(p ? { pool: p } : {}) } } };
    } finally {
      clearTimeout(timer);
    }
  }
}
