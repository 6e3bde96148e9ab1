import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { CREATE_POSTMORTEM_EXAMPLES, UPDATE_POSTMORTEM_EXAMPLES } from './dto/postmortem.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreatePostmortemDto } from './dto/create-postmortem.dto';
import { ListPostmortemsQueryDto } from './dto/list-postmortems-query.dto';
import { PostmortemPageDto } from './dto/postmortem-page.dto';
import { PostmortemDto } from './dto/postmortem.dto';
import { ReportQueryDto } from './dto/report-query.dto';
import { UpdatePostmortemDto } from './dto/update-postmortem.dto';
import { toPostmortemDto } from './postmortem.mapper';
import { PostmortemsService } from './postmortems.service';
import { PostmortemReportService } from './report/postmortem-report.service';
import { HTML_REPORT_SECURITY_HEADERS, REPORT_CONTENT_TYPES } from './report/report-format';

@ApiTags('postmortems')
@Controller('api/v1/postmortems')
export class PostmortemsController {
  constructor(
    private readonly postmortems: PostmortemsService,
    private readonly reports: PostmortemReportService,
  ) {}

  /** Records a post-mortem (incident review, success review or pre-mortem). */
  @Post()
  @Access('editor')
  @RequestExamples(CreatePostmortemDto, CREATE_POSTMORTEM_EXAMPLES)
  async create(@Body() body: CreatePostmortemDto): Promise<PostmortemDto> {
    return toPostmortemDto(await this.postmortems.create(body));
  }

  /** Lists post-mortems, newest first, a page at a time. */
  @Get()
  @Access('viewer')
  async list(@Query() query: ListPostmortemsQueryDto): Promise<PostmortemPageDto> {
    const page = await this.postmortems.list(query);
    return { items: page.items.map(toPostmortemDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', UuidParamPipe) id: string): Promise<PostmortemDto> {
    return toPostmortemDto(await this.postmortems.get(id));
  }

  /** Changes any subset of the fields; null clears severity, occurredAt or resolvedAt. */
  @Patch(':id')
  @Access('editor')
  @RequestExamples(UpdatePostmortemDto, UPDATE_POSTMORTEM_EXAMPLES)
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: UpdatePostmortemDto): Promise<PostmortemDto> {
    return toPostmortemDto(await this.postmortems.update(id, body));
  }

  /** Deletes a post-mortem that no corrective action refers to (409 otherwise). */
  @Delete(':id')
  @Access('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.postmortems.delete(id);
  }

  /** The shareable write-up: Markdown, or with `?format=html` a standalone printable page. */
  @Get(':id/report')
  @Access('viewer')
  @ApiProduces(REPORT_CONTENT_TYPES.markdown, REPORT_CONTENT_TYPES.html)
  @ApiOkResponse({ schema: { type: 'string' } })
  async report(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const report = await this.reports.render(id, query.format ?? 'markdown');
    response.setHeader('Content-Type', REPORT_CONTENT_TYPES[report.format]);
    if (report.format === 'html') response.set(HTML_REPORT_SECURITY_HEADERS);
    return report.body;
  }
}
