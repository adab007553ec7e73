var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogService } from '../catalog/catalog.service.js';
import { GridsService } from '../grids/grids.service.js';
import { APP_VERSION } from '../version.js';
/** Public, cacheable facts the home page shows before login. */
let OverviewController = class OverviewController {
    grids;
    catalog;
    constructor(grids, catalog) {
        this.grids = grids;
        this.catalog = catalog;
    }
    async get() {
        const [region, gridCounts, categories] = await Promise.all([
            this.grids.root(),
            this.grids.countsByLevel(),
            this.catalog.listCategories(),
        ]);
        return { appName: '微网格', version: APP_VERSION, region, gridCounts, categories };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], OverviewController.prototype, "get", null);
OverviewController = __decorate([
    ApiTags('overview'),
    Controller('overview'),
    __metadata("design:paramtypes", [GridsService,
        CatalogService])
], OverviewController);
export { OverviewController };
//# sourceMappingURL=overview.controller.js.map