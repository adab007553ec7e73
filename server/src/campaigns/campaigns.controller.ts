import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CampaignAnswerDto, CampaignDto, CampaignProgressDto, CampaignTemplate, Page } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { CampaignsService } from './campaigns.service.js';
import { AnswerCampaignDto, AnswerListQuery, CampaignListQuery, CreateCampaignDto, ProgressQuery } from './dto.js';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('templates')
  @Auth({ anyUser: 'the built-in form templates: no data' })
  @ApiOperation({ summary: 'Form templates (三询问一完善, 返乡报备)' })
  templates(): readonly CampaignTemplate[] {
    return this.campaigns.templates();
  }

  @Post()
  @Auth({ permission: 'campaign.manage' })
  @ApiOperation({ summary: 'Create a campaign for a subtree (admins of that node)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(actor, body);
  }

  @Get()
  @Auth({ permission: 'campaign.read', anyUser: 'by microGrid: the campaigns open there, for its residents' })
  @ApiOperation({ summary: 'Campaigns covering a micro-grid (?microGrid=) or in/above a node (?node=, staff)' })
  list(@CurrentActor() actor: Actor, @Query() q: CampaignListQuery): Promise<Page<CampaignDto>> {
    return this.campaigns.list(actor, q);
  }

  @Get(':id')
  @Auth({ anyUser: 'a campaign and its form, shown to whoever is asked to answer it' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<CampaignDto> {
    return this.campaigns.get(actor, id);
  }

  @Put(':id/answers')
  @Auth({ permission: 'campaign.visit', anyUser: 'a confirmed member of a register household answers for it' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer for a household (once per household; a second answer replaces the first)' })
  answer(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: AnswerCampaignDto): Promise<CampaignAnswerDto> {
    return this.campaigns.answer(actor, id, body);
  }

  @Get(':id/answers')
  @Auth({ permission: 'campaign.read' })
  @ApiOperation({ summary: 'Answers under a node (staff)' })
  answers(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: AnswerListQuery): Promise<Page<CampaignAnswerDto>> {
    return this.campaigns.answers(actor, id, q);
  }

  @Get(':id/progress')
  @Auth({ permission: 'campaign.read' })
  @ApiOperation({ summary: 'Households answered / known for a node and each child' })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: ProgressQuery): Promise<CampaignProgressDto> {
    return this.campaigns.progress(actor, id, q.node);
  }
}
