import { Injectable } from '@nestjs/common';
import type { CategoryDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AccessService } from '../access/access.service.js';
import { requireRuleMaker } from '../access/rule-maker.js';
import { CategoriesRepo } from './categories.repo.js';
import type { CategoryInputDto } from './dto.js';

@Injectable()
export class CatalogService {
  constructor(
    private readonly categories: CategoriesRepo,
    private readonly access: AccessService,
  ) {}

  async listCategories(all = false): Promise<(CategoryDto & { active?: boolean })[]> {
    const rows = await this.categories.list(all);
    return rows.map(({ code, name, icon, sort, active }) => (all ? { code, name, icon, sort, active } : { code, name, icon, sort }));
  }

  /** All categories with their active flag, for the admins who edit them. */
  async listForAdmin(actor: Actor): Promise<(CategoryDto & { active?: boolean })[]> {
    await requireRuleMaker(this.access, actor, 'event categories');
    return this.listCategories(true);
  }

  /**
   * Creates or edits a category. Categories are never deleted (events keep their code): set
   * `active: false` to stop offering one. Intake picks a change up within seconds.
   */
  async put(actor: Actor, code: string, input: CategoryInputDto): Promise<CategoryDto & { active: boolean }> {
    await requireRuleMaker(this.access, actor, 'event categories');
    const row = { code, name: input.name, icon: input.icon ?? '', sort: input.sort ?? 500, active: input.active ?? true };
    const existing = await this.categories.byCode(code);
    if (existing) await this.categories.update(code, row);
    else await this.categories.insert(row);
    return row;
  }
}
