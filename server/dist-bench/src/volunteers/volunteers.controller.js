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
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { VolunteersService } from './volunteers.service.js';
import { AssignTaskDto, CompleteTaskDto, RegisterVolunteerDto, TaskQuery, TotalsQuery, UpdateVolunteerDto, VolunteerQuery } from './dto.js';
let VolunteersController = class VolunteersController {
    volunteers;
    constructor(volunteers) {
        this.volunteers = volunteers;
    }
    /** 双报到: register yourself to the micro-grid where you live. */
    register(actor, dto) {
        return this.volunteers.register(actor, dto);
    }
    mine(actor) {
        return this.volunteers.mine(actor);
    }
    myTasks(actor, q) {
        return this.volunteers.tasks(actor, { mine: true, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
    }
    updateMine(actor, id, dto) {
        return this.volunteers.updateMine(actor, id, dto);
    }
    list(actor, q) {
        return this.volunteers.list(actor, { ...q, limit: q.limit ?? 50 });
    }
    totals(actor, q) {
        return this.volunteers.totals(actor, q);
    }
    assign(actor, id, dto) {
        return this.volunteers.assign(actor, id, dto);
    }
    tasks(actor, id, q) {
        return this.volunteers.tasks(actor, { volunteerId: id, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
    }
    complete(actor, taskId, dto) {
        return this.volunteers.complete(actor, taskId, dto);
    }
    cancel(actor, taskId) {
        return this.volunteers.cancel(actor, taskId);
    }
};
__decorate([
    Post(),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, RegisterVolunteerDto]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "register", null);
__decorate([
    Get('me'),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "mine", null);
__decorate([
    Get('me/tasks'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, TaskQuery]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "myTasks", null);
__decorate([
    Patch('me/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, UpdateVolunteerDto]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "updateMine", null);
__decorate([
    Get(),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, VolunteerQuery]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "list", null);
__decorate([
    Get('totals'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, TotalsQuery]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "totals", null);
__decorate([
    Post(':id/tasks'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, AssignTaskDto]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "assign", null);
__decorate([
    Get(':id/tasks'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, TaskQuery]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "tasks", null);
__decorate([
    Post('tasks/:taskId/complete'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Param('taskId', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, CompleteTaskDto]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "complete", null);
__decorate([
    Post('tasks/:taskId/cancel'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Param('taskId', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", void 0)
], VolunteersController.prototype, "cancel", null);
VolunteersController = __decorate([
    ApiTags('volunteers'),
    Auth(),
    Controller('volunteers'),
    __metadata("design:paramtypes", [VolunteersService])
], VolunteersController);
export { VolunteersController };
//# sourceMappingURL=volunteers.controller.js.map