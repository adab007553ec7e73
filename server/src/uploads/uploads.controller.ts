import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UploadDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { MAX_UPLOAD_BYTES, UploadsService } from './uploads.service.js';

@ApiTags('uploads')
@Auth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /** multipart/form-data with one part named `file` (what wx.uploadFile sends). */
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  async upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<UploadDto> {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a part named "file"');
    const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
    if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', 'a part named "file" is required', { fields: { file: 'required' } });
    const data = await part.toBuffer();
    return this.uploads.store(actor, data);
  }

  /** `?g=` is the viewer's grant from the answer that showed the photo (the URLs there carry it). */
  @Get(':id')
  async original(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('g') g: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.uploads.read(actor, id, false, g);
    await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
  }

  @Get(':id/thumb')
  async thumb(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('g') g: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.uploads.read(actor, id, true, g);
    await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
  }
}
