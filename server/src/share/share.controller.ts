import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GroupBindingDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { ShareService } from './share.service.js';
import { BindGroupDto, GroupInfoDto, NodeCodeQueryDto } from './dto.js';

@ApiTags('share')
@Controller('share')
export class ShareController {
  constructor(private readonly share: ShareService) {}

  @Post('groups')
  @Auth({ permission: 'group.bind' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Bind the WeChat group a share ticket came from to a micro-grid (grid worker)' })
  bind(@CurrentActor() actor: Actor, @Body() body: BindGroupDto): Promise<GroupBindingDto> {
    return this.share.bind(actor, body);
  }

  @Post('groups/resolve')
  @Auth({ anyUser: "the share ticket, decrypted with one's session key, proves one is in the group" })
  @HttpCode(200)
  @ApiOperation({ summary: 'Which micro-grid the group of a share ticket belongs to (node null: not bound)' })
  resolve(@CurrentActor() actor: Actor, @Body() body: GroupInfoDto): Promise<GroupBindingDto> {
    return this.share.resolve(actor, body);
  }

  @Get('groups')
  @Auth({ permission: 'grid.read' })
  @ApiOperation({ summary: 'How many groups are bound to a micro-grid' })
  bindings(@CurrentActor() actor: Actor, @Query() q: NodeCodeQueryDto): Promise<{ node: { code: string; name: string }; groups: number }> {
    return this.share.bindingsOf(actor, q.nodeCode);
  }

  @Get('qrcode')
  @Auth({ permission: 'grid.read' })
  @ApiOperation({ summary: 'Mini-program code (PNG) opening the report page pre-set to a micro-grid' })
  async qrcode(@CurrentActor() actor: Actor, @Query() q: NodeCodeQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.share.qrcode(actor, q.nodeCode), { type: 'image/png' });
  }
}
