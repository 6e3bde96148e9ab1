import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '@app/auth';
import type { PostmortemEventEntity, PublicationEntity } from '@app/persistence';
import { Access } from '../http/access.decorator';
import { requestOrigin } from '../http/request-origin';
import { RequestExamples } from '../http/request-examples.decorator';
import { PUBLISH_POSTMORTEM_EXAMPLES } from './dto/publication.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { PageQueryDto } from '../actions/dto/page-query.dto';
import { PostmortemEventDto, PostmortemEventPageDto } from './dto/postmortem-event.dto';
import { PublicationDto } from './dto/publication.dto';
import { PublishPostmortemDto } from './dto/publish-postmortem.dto';
import { PUBLIC_PAGE_CSP } from './public-page/public-page-style';
import { PublicPostmortemsService, publicationUrl } from './public-postmortems.service';
import { PublicationsService } from './publications.service';

/** A post-mortem's public summary: its state for everyone, publishing for editors. */
@ApiTags('postmortems')
@Controller('api/v1/postmortems/:id')
export class PublicationsController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly pages: PublicPostmortemsService,
  ) {}

  /** The live publication; 404 when the post-mortem is not published. */
  @Get('publication')
  @Access('viewer')
  async get(@Param('id', UuidParamPipe) id: string, @Req() req: Request): Promise<PublicationDto> {
    return this.dto(await this.publications.get(id), req);
  }

  /** Publishes the public summary at a new, unguessable address (409 when already published). */
  @Post('publication')
  @Access('editor')
  @RequestExamples(PublishPostmortemDto, PUBLISH_POSTMORTEM_EXAMPLES)
  async publish(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PublishPostmortemDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<PublicationDto> {
    return this.dto(await this.publications.publish(id, body, principal), req);
  }

  /** Changes the public summary or what it includes; the address stays. */
  @Put('publication')
  @Access('editor')
  @RequestExamples(PublishPostmortemDto, PUBLISH_POSTMORTEM_EXAMPLES)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PublishPostmortemDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<PublicationDto> {
    return this.dto(await this.publications.update(id, body, principal), req);
  }

  /** Withdraws it: the address answers 410 Gone from now on. */
  @Delete('publication')
  @Access('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  async withdraw(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.publications.withdraw(id, principal);
  }

  /** The page these choices would publish, exactly as the public would see it; publishes nothing. */
  @Post('publication/preview')
  @Access('editor')
  @RequestExamples(PublishPostmortemDto, PUBLISH_POSTMORTEM_EXAMPLES)
  @HttpCode(HttpStatus.OK)
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async preview(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PublishPostmortemDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const html = await this.publications.preview(id, body);
    res.type('html');
    res.setHeader('Content-Security-Policy', PUBLIC_PAGE_CSP);
    return html;
  }

  /** The post-mortem's audit trail (its publishing acts), oldest first. */
  @Get('events')
  @Access('viewer')
  async events(@Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<PostmortemEventPageDto> {
    const page = await this.publications.events(id, query);
    return { items: page.items.map(toEventDto), nextCursor: page.nextCursor };
  }

  private dto(publication: PublicationEntity, req: Request): PublicationDto {
    return {
      slug: publication.slug,
      url: publicationUrl(this.pages.baseUrl(requestOrigin(req)), publication.slug),
      summary: publication.summary,
      includeTimeline: publication.includeTimeline,
      includeActions: publication.includeActions,
      publishedAt: publication.publishedAt.toISOString(),
      updatedAt: publication.updatedAt.toISOString(),
    };
  }
}

function toEventDto(event: PostmortemEventEntity): PostmortemEventDto {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actor: event.actor,
    type: event.type,
    changes: event.changes,
  };
}
