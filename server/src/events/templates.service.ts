import { Injectable } from '@nestjs/common';
import type { EventState, ResponseTemplateDto, ResponseTemplateInput } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { requireRuleMaker } from '../access/rule-maker.js';
import { CategoriesRepo } from '../catalog/categories.repo.js';
import type { EventTemplate } from './event.entity.js';
import { TemplatesRepo } from './templates.repo.js';

import { DEFAULT_ACK } from './ack.js';

/**
 * 常用语: short replies staff pick when acting (per category and state, '*' for any), and the
 * automatic acknowledgement a reporter gets (the template for state `reported`, else DEFAULT_ACK).
 * Kept to list / add / remove so a later per-node store can stand behind the same API.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly repo: TemplatesRepo,
    private readonly access: AccessService,
    private readonly categories: CategoriesRepo,
  ) {}

  /** The templates for a category and state: exact rows first, then '*' rows. */
  async list(category?: string, state?: EventState): Promise<ResponseTemplateDto[]> {
    const rows = category || state ? await this.repo.matching(category ? [category, '*'] : ['*'], state ? [state, '*'] : ['*']) : await this.repo.all();
    const rank = (r: EventTemplate) => (r.category === '*' ? 1 : 0) + (r.state === '*' ? 1 : 0);
    return rows.sort((a, b) => rank(a) - rank(b) || a.id - b.id).map(toDto);
  }

  /** The acknowledgement text for a new report of this category. */
  async ackText(category: string): Promise<string> {
    const [t] = await this.list(category, 'reported');
    return t?.text ?? DEFAULT_ACK;
  }

  async add(actor: Actor, input: ResponseTemplateInput): Promise<ResponseTemplateDto> {
    await requireRuleMaker(this.access, actor, 'response templates');
    if (input.category !== '*' && !(await this.categories.byCode(input.category))) throw new AppError('VALIDATION_FAILED', 'unknown category', { fields: { category: 'no such category' } });
    return toDto(await this.repo.insert({ category: input.category, state: input.state, text: input.text.trim(), createdAt: new Date() }));
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await requireRuleMaker(this.access, actor, 'response templates');
    if (!(await this.repo.delete(id))) throw new AppError('NOT_FOUND', 'no such template');
  }
}

function toDto(r: EventTemplate): ResponseTemplateDto {
  return { id: r.id, category: r.category, state: r.state as ResponseTemplateDto['state'], text: r.text };
}
