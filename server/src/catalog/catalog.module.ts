import { Global, Module } from '@nestjs/common';
import { CategoriesRepo } from './categories.repo.js';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';

/** Event categories. Global so other modules can ask CategoriesRepo whether a category exists. */
@Global()
@Module({
  controllers: [CatalogController],
  providers: [CatalogService, CategoriesRepo],
  exports: [CatalogService, CategoriesRepo],
})
export class CatalogModule {}
