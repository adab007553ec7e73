import { IsString, Length, Matches } from 'class-validator';
import type { RefreshRequest, WechatLoginRequest } from '@weigrid/shared';

export class WechatLoginDto implements WechatLoginRequest {
  @IsString()
  @Length(1, 128)
  code: string;
}

export class RefreshDto implements RefreshRequest {
  @IsString()
  @Length(10, 200)
  @Matches(/^r1\./, { message: 'refreshToken is not a weigrid refresh token' })
  refreshToken: string;
}
