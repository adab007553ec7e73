import { IsString, Length, Matches } from 'class-validator';
import type { BindGroupRequest, GroupInfoRequest } from '@weigrid/shared';

export class GroupInfoDto implements GroupInfoRequest {
  @IsString()
  @Length(1, 128)
  code: string;

  @IsString()
  @Length(16, 8192)
  @Matches(/^[A-Za-z0-9+/=]+$/, { message: 'encryptedData must be base64' })
  encryptedData: string;

  @IsString()
  @Length(24, 24)
  @Matches(/^[A-Za-z0-9+/=]+$/, { message: 'iv must be base64' })
  iv: string;
}

export class BindGroupDto extends GroupInfoDto implements BindGroupRequest {
  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;
}

export class NodeCodeQueryDto {
  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;
}
