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
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/app-error.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { AccessLogService } from './access-log.service.js';
import { RegisterService } from './register.service.js';
import { buildTemplate } from './import/xlsx.js';
import { AccessLogQuery, ClaimDto, CreateHouseholdDto, CreatePlaceDto, ExportQuery, OrganizationDtoIn, PageQuery, PeopleQuery, PersonDtoIn, RevealQuery, RiskDtoIn, RiskQuery, UpdateHouseholdDto, UpdatePersonDto, UpdateRiskDto, } from './dto.js';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
let RegisterController = class RegisterController {
    register;
    accessLog;
    constructor(register, accessLog) {
        this.register = register;
        this.accessLog = accessLog;
    }
    async template(reply) {
        await reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="register-template.xlsx"').send(await buildTemplate());
    }
    /** multipart/form-data with one part named `file` (.xlsx from the template). All rows or none. */
    async import(actor, req) {
        if (!req.isMultipart())
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a part named "file"');
        let data;
        try {
            const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, parts: 3 } });
            if (!part || part.fieldname !== 'file')
                throw new AppError('VALIDATION_FAILED', 'a part named "file" is required', { fields: { file: 'required' } });
            data = await part.toBuffer();
        }
        catch (e) {
            if (e instanceof AppError)
                throw e;
            if (e.code === 'FST_REQ_FILE_TOO_LARGE')
                throw new AppError('PAYLOAD_TOO_LARGE', `file is larger than ${MAX_IMPORT_BYTES} bytes`);
            throw new AppError('MALFORMED_REQUEST', 'could not read the upload');
        }
        return this.register.importXlsx(actor, data);
    }
    async export(actor, q, reply) {
        const f = await this.register.exportXlsx(actor, q.node);
        await reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').header('x-row-count', String(f.rows)).send(f.data);
    }
    accessLogList(actor, q) {
        return this.accessLog.query(actor, { userId: q.userId, action: q.action, allowed: q.allowed, targetType: q.targetType, targetId: q.targetId, before: q.cursor, limit: q.limit ?? 50 });
    }
    createPlace(actor, dto) {
        return this.register.createPlace(actor, dto);
    }
    listPlaces(actor, q) {
        return this.register.listPlaces(actor, { node: q.node, cursor: q.cursor, limit: q.limit ?? 50 });
    }
    createHousehold(actor, dto) {
        return this.register.createHousehold(actor, dto);
    }
    /** The 一户一档 file: people (masked), place, organizations, risks, visits, events, campaign answers, timeline. */
    household(actor, id) {
        return this.register.householdFile(actor, id);
    }
    updateHousehold(actor, id, dto) {
        return this.register.updateHousehold(actor, id, dto);
    }
    addPerson(actor, id, dto) {
        return this.register.addPerson(actor, id, dto);
    }
    searchPeople(actor, q) {
        return this.register.searchPeople(actor, { ...q, limit: q.limit ?? 20 });
    }
    /** Masked; `?reveal=true` shows full phone and ID number to roles that may, and is logged. */
    person(actor, id, q) {
        return this.register.getPerson(actor, id, q.reveal === true);
    }
    updatePerson(actor, id, dto) {
        return this.register.updatePerson(actor, id, dto);
    }
    async deletePerson(actor, id) {
        await this.register.deletePerson(actor, id);
    }
    createOrganization(actor, dto) {
        return this.register.createOrganization(actor, dto);
    }
    listOrganizations(actor, q) {
        return this.register.listOrganizations(actor, { node: q.node, cursor: q.cursor, limit: q.limit ?? 50 });
    }
    createRisk(actor, dto) {
        return this.register.createRisk(actor, dto);
    }
    updateRisk(actor, id, dto) {
        return this.register.updateRisk(actor, id, dto);
    }
    listRisks(actor, q) {
        return this.register.listRisks(actor, { node: q.node, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
    }
    // Residents: their own household.
    mine(actor) {
        return this.register.myHouseholds(actor);
    }
    claim(actor, dto) {
        return this.register.claim(actor, dto);
    }
    correctMine(actor, id, dto) {
        return this.register.correctMine(actor, id, dto);
    }
};
__decorate([
    Get('template'),
    __param(0, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], RegisterController.prototype, "template", null);
__decorate([
    Post('import'),
    HttpCode(200),
    ApiConsumes('multipart/form-data'),
    __param(0, CurrentActor()),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], RegisterController.prototype, "import", null);
__decorate([
    Get('export'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, ExportQuery, Object]),
    __metadata("design:returntype", Promise)
], RegisterController.prototype, "export", null);
__decorate([
    Get('access-log'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, AccessLogQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "accessLogList", null);
__decorate([
    Post('places'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreatePlaceDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "createPlace", null);
__decorate([
    Get('places'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PageQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "listPlaces", null);
__decorate([
    Post('households'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreateHouseholdDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "createHousehold", null);
__decorate([
    Get('households/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "household", null);
__decorate([
    Patch('households/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, UpdateHouseholdDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "updateHousehold", null);
__decorate([
    Post('households/:id/people'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, PersonDtoIn]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "addPerson", null);
__decorate([
    Get('people'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PeopleQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "searchPeople", null);
__decorate([
    Get('people/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, RevealQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "person", null);
__decorate([
    Patch('people/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, UpdatePersonDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "updatePerson", null);
__decorate([
    Delete('people/:id'),
    HttpCode(204),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], RegisterController.prototype, "deletePerson", null);
__decorate([
    Post('organizations'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, OrganizationDtoIn]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "createOrganization", null);
__decorate([
    Get('organizations'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PageQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "listOrganizations", null);
__decorate([
    Post('risks'),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, RiskDtoIn]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "createRisk", null);
__decorate([
    Patch('risks/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, UpdateRiskDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "updateRisk", null);
__decorate([
    Get('risks'),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, RiskQuery]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "listRisks", null);
__decorate([
    Get('mine'),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "mine", null);
__decorate([
    Post('mine/claim'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, ClaimDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "claim", null);
__decorate([
    Patch('mine/people/:id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, UpdatePersonDto]),
    __metadata("design:returntype", void 0)
], RegisterController.prototype, "correctMine", null);
RegisterController = __decorate([
    ApiTags('register'),
    Auth(),
    Controller('register'),
    __metadata("design:paramtypes", [RegisterService,
        AccessLogService])
], RegisterController);
export { RegisterController };
//# sourceMappingURL=register.controller.js.map