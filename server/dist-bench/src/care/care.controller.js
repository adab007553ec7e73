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
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { CareService } from './care.service.js';
import { CreateScheduleDto, CreateVisitDto, NodeQuery, ScheduleQuery, VisitQuery } from './dto.js';
let CareController = class CareController {
    care;
    constructor(care) {
        this.care = care;
    }
    createSchedule(actor, dto) {
        return this.care.createSchedule(actor, dto);
    }
    stopSchedule(actor, id) {
        return this.care.stopSchedule(actor, id);
    }
    /** `?overdue=true` for the overdue list. */
    schedules(actor, q) {
        return this.care.listSchedules(actor, { ...q, limit: q.limit ?? 50 });
    }
    /** Overdue visits counted per micro-grid under `node` (default: the caller's scope). */
    overdueByGrid(actor, q) {
        return this.care.overdueByGrid(actor, q);
    }
    visit(actor, dto) {
        return this.care.recordVisit(actor, dto);
    }
    visits(actor, q) {
        return this.care.listVisits(actor, { ...q, limit: q.limit ?? 50 });
    }
};
__decorate([
    Post('schedules'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreateScheduleDto]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "createSchedule", null);
__decorate([
    Post('schedules/:id/stop'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "stopSchedule", null);
__decorate([
    Get('schedules'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, ScheduleQuery]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "schedules", null);
__decorate([
    Get('overdue-by-grid'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, NodeQuery]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "overdueByGrid", null);
__decorate([
    Post('visits'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreateVisitDto]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "visit", null);
__decorate([
    Get('visits'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, VisitQuery]),
    __metadata("design:returntype", void 0)
], CareController.prototype, "visits", null);
CareController = __decorate([
    ApiTags('care'),
    Auth(),
    Controller('care'),
    __metadata("design:paramtypes", [CareService])
], CareController);
export { CareController };
//# sourceMappingURL=care.controller.js.map