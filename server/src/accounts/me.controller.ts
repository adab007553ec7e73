import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeDto, ShareInfoDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { UsersService } from './users.service.js';
import { BindPhoneDto, ShareInfoBodyDto, UpdateMeDto } from './dto.js';

@ApiTags('accounts')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: 'The caller: name, masked phone, roles with their nodes' })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.users.me(actor.userId);
  }

  @Patch()
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: 'Set the display name' })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.users.updateName(actor, body.name);
  }

  @Post('phone')
  @Auth({ anyUser: OWN })
  @HttpCode(200)
  @ApiOperation({ summary: 'Bind the phone number behind a getPhoneNumber code (answered masked)' })
  phone(@CurrentActor() actor: Actor, @Body() body: BindPhoneDto): Promise<MeDto> {
    return this.users.bindPhone(actor, body.code);
  }

  @Post('share-info')
  @Auth({ anyUser: OWN })
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt group share info (wx.getGroupEnterInfo) into the opengid' })
  shareInfo(@CurrentActor() actor: Actor, @Body() body: ShareInfoBodyDto): Promise<ShareInfoDto> {
    return this.users.shareInfo(actor, body.encryptedData, body.iv);
  }
}
