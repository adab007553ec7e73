var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
let HealthController = class HealthController {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    /** The process is up. Orchestrators restart it when this fails. */
    live() {
        return { status: 'ok' };
    }
    /** The process can serve: the database answers within a second. Load balancers route on this. */
    async ready(reply) {
        const started = Date.now();
        try {
            await Promise.race([
                this.ds.query('SELECT 1'),
                new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 1000 ms')), 1000).unref()),
            ]);
            return { status: 'ok', checks: { database: { ok: true, ms: Date.now() - started } } };
        }
        catch (e) {
            void reply.status(503);
            return { status: 'error', checks: { database: { ok: false, ms: Date.now() - started, error: e.message } } };
        }
    }
};
__decorate([
    Get('live'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], HealthController.prototype, "live", null);
__decorate([
    Get('ready'),
    __param(0, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
HealthController = __decorate([
    ApiTags('health'),
    Controller('health'),
    __metadata("design:paramtypes", [DataSource])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map