import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CategoryDto } from '@weigrid/shared';
import { Category } from './category.entity.js';

@Injectable()
export class CatalogService {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  async listCategories(): Promise<CategoryDto[]> {
    const rows = await this.categories.find({ where: { active: true }, order: { sort: 'ASC', code: 'ASC' } });
    return rows.map(({ code, name, icon, sort }) => ({ code, name, icon, sort }));
  }
}
