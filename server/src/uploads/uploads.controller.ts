import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UploadDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { readFilePart } from '../common/multipart.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { MAX_UPLOAD_BYTES, UploadsService } from './uploads.service.js';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /** multipart/form-data with one part named `file` (what wx.uploadFile sends). */
  @Post()
  @Auth({ anyUser: OWN })
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  async upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<UploadDto> {
    const data = await readFilePart(req, MAX_UPLOAD_BYTES, { fields: 5, parts: 6 });
    return this.uploads.store(actor, data);
  }

  /** `?g=` is the viewer's grant from the answer that showed the photo (the URLs there carry it). */
  @Get(':id')
  @Auth({ anyUser: 'the owner, or a viewer holding a grant signed for them' })
  async original(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('g') g: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.uploads.read(actor, id, false, g);
    await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
  }

  @Get(':id/thumb')
  @Auth({ anyUser: 'the owner, or a viewer holding a grant signed for them' })
  async thumb(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('g') g: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.uploads.read(actor, id, true, g);
    await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
  }
}
