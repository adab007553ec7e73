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
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { GRID_LEVELS } from '@weigrid/shared';
import { GridNode } from './grid-node.entity.js';
let GridsService = class GridsService {
    nodes;
    constructor(nodes) {
        this.nodes = nodes;
    }
    /** The top of the tree (the deployment's region), or null before any grid is imported. */
    async root() {
        const n = await this.nodes.findOne({ where: { parentId: IsNull() }, order: { depth: 'ASC', code: 'ASC' } });
        return n ? { code: n.code, name: n.name, level: n.level } : null;
    }
    async countsByLevel() {
        const rows = await this.nodes
            .createQueryBuilder('g')
            .select('g.level', 'level')
            .addSelect('COUNT(*)', 'n')
            .groupBy('g.level')
            .getRawMany();
        const out = {};
        for (const l of GRID_LEVELS) {
            const r = rows.find((x) => x.level === l);
            if (r)
                out[l] = Number(r.n);
        }
        return out;
    }
};
GridsService = __decorate([
    Injectable(),
    __param(0, InjectRepository(GridNode)),
    __metadata("design:paramtypes", [Repository])
], GridsService);
export { GridsService };
//# sourceMappingURL=grids.service.js.map