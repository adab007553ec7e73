import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { SenderRegistry } from './sender-registry.js';
import { OutboxWorker, type OutboxWorkerOptions } from './worker.js';

export function workerOptionsFromConfig(c: AppConfig): Partial<OutboxWorkerOptions> {
  return {
    batchSize: c.OUTBOX_BATCH_SIZE,
    concurrency: c.OUTBOX_CONCURRENCY,
    pollMs: c.OUTBOX_POLL_MS,
    leaseMs: c.OUTBOX_LEASE_MS,
    sendTimeoutMs: c.OUTBOX_SEND_TIMEOUT_MS,
    maxAttempts: c.OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: c.OUTBOX_BACKOFF_MS,
    backoffMaxMs: c.OUTBOX_BACKOFF_MAX_MS,
    retentionDays: c.OUTBOX_RETENTION_DAYS,
  };
}

/**
 * Runs one OutboxWorker inside this process when OUTBOX_WORKER=on (the default), starting after
 * every module has registered its senders and stopping — with in-flight sends settled — before
 * the database pool closes.
 */
@Injectable()
export class OutboxWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  readonly worker: OutboxWorker;

  constructor(
    ds: DataSource,
    registry: SenderRegistry,
    private readonly config: AppConfig,
  ) {
    this.worker = new OutboxWorker(ds, registry, workerOptionsFromConfig(config), {
      log: (m) => this.logger.log(m),
      warn: (m) => this.logger.warn(m),
      error: (m) => this.logger.error(m),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_WORKER === 'on') this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
  }
}
