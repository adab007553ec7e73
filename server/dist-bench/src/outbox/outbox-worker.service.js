var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { SenderRegistry } from './sender-registry.js';
import { OutboxWorker } from './worker.js';
export function workerOptionsFromConfig(c) {
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
let OutboxWorkerService = class OutboxWorkerService {
    config;
    logger = new Logger('Outbox');
    worker;
    constructor(ds, registry, config) {
        this.config = config;
        this.worker = new OutboxWorker(ds, registry, workerOptionsFromConfig(config), {
            log: (m) => this.logger.log(m),
            warn: (m) => this.logger.warn(m),
            error: (m) => this.logger.error(m),
        });
    }
    onApplicationBootstrap() {
        if (this.config.OUTBOX_WORKER === 'on')
            this.worker.start();
    }
    async onModuleDestroy() {
        await this.worker.stop();
    }
};
OutboxWorkerService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        SenderRegistry,
        AppConfig])
], OutboxWorkerService);
export { OutboxWorkerService };
//# sourceMappingURL=outbox-worker.service.js.map