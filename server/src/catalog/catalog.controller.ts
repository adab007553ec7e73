import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CategoryDto } from '@weigrid/shared';
import { CatalogService } from './catalog.service.js';

@ApiTags('catalog')
@Controller('categories')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  list(): Promise<CategoryDto[]> {
    return this.catalog.listCategories();
  }
}
