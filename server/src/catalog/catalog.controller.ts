import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CategoryDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { Auth, CurrentActor, Public } from '../auth/decorators.js';
import { CatalogService } from './catalog.service.js';
import { CategoryInputDto } from './dto.js';

@ApiTags('catalog')
@Controller('categories')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Public('the active categories the report page offers')
  @ApiOperation({ summary: 'Active event categories, in display order' })
  list(): Promise<CategoryDto[]> {
    return this.catalog.listCategories();
  }

  @Get('all')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Every category with its active flag (district/city admins)' })
  all(@CurrentActor() actor: Actor): Promise<(CategoryDto & { active?: boolean })[]> {
    return this.catalog.listForAdmin(actor);
  }

  @Put(':code')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Create or edit a category; `active: false` stops offering it (district/city admins)' })
  put(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: CategoryInputDto): Promise<CategoryDto & { active: boolean }> {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(code)) throw new AppError('VALIDATION_FAILED', 'code must be 1–32 lowercase letters, digits or _', { fields: { code: 'bad category code' } });
    return this.catalog.put(actor, code, body);
  }
}
