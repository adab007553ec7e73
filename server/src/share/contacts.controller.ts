import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GridContactsDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { ShareService } from './share.service.js';

/** Who a resident calls about their micro-grid: beside the group-chat binding, which it reports too. */
@ApiTags('share')
@Controller('grids')
export class ContactsController {
  constructor(private readonly share: ShareService) {}

  @Get(':code/contacts')
  @Auth({ anyUser: '网格员公示: a grid worker\'s name and work phone are posted for the residents of their grids; login keeps them from anonymous scraping' })
  @ApiOperation({ summary: "A micro-grid's grid worker (name, verified phone) and whether a group chat is bound to it" })
  contacts(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<GridContactsDto> {
    return this.share.contacts(actor, code);
  }
}
