import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthTokensDto, SessionDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AuthService } from './auth.service.js';
import { Auth, CurrentActor, OWN, Public } from './decorators.js';
import { RefreshDto, WechatLoginDto } from './dto.js';
import { LoginRateGuard } from './login-rate.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat')
  @Public('login: the WeChat login code is the credential (rate-limited per IP)')
  @HttpCode(200)
  @UseGuards(LoginRateGuard)
  @ApiOperation({ summary: 'Log in with a wx.login() code; returns our access + refresh tokens and the user' })
  @ApiResponse({ status: 401, description: 'WECHAT_CODE_INVALID' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  @ApiResponse({ status: 503, description: 'WECHAT_UNAVAILABLE' })
  login(@Body() body: WechatLoginDto): Promise<AuthTokensDto> {
    return this.auth.loginWithWechat(body.code);
  }

  @Post('refresh')
  @Public('the refresh token is the credential (rate-limited per IP)')
  @HttpCode(200)
  @UseGuards(LoginRateGuard)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  refresh(@Body() body: RefreshDto): Promise<AuthTokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Auth({ anyUser: OWN })
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.revokeSession(actor, actor.sessionId!);
  }

  @Get('sessions')
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: "The caller's live sessions (devices)" })
  sessions(@CurrentActor() actor: Actor): Promise<SessionDto[]> {
    return this.auth.sessions(actor);
  }

  @Delete('sessions/:id')
  @Auth({ anyUser: OWN })
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of the caller’s sessions' })
  async revoke(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.auth.revokeSession(actor, id);
  }
}
