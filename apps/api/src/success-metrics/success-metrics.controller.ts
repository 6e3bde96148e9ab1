import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@app/auth';
import { PageQueryDto } from '../actions/dto/page-query.dto';
import { Access } from '../http/access.decorator';
import { ClientGone } from '../http/client-gone.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { CREATE_METRIC_EXAMPLES, UPDATE_METRIC_EXAMPLES } from './dto/metric.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreateMetricDto } from './dto/create-metric.dto';
import { SuccessMetricDto } from './dto/success-metric.dto';
import { SuccessMetricPageDto } from './dto/success-metric-page.dto';
import { UpdateMetricDto } from './dto/update-metric.dto';
import { SuccessMetricsService } from './success-metrics.service';

@ApiTags('success metrics')
@Controller('api/v1/actions/:id/metrics')
export class SuccessMetricsController {
  constructor(private readonly metrics: SuccessMetricsService) {}

  /** Attaches a success metric; not to a verified or wont_fix action, nor past limits.maxMetricsPerAction (409). */
  @Post()
  @Access('editor')
  @RequestExamples(CreateMetricDto, CREATE_METRIC_EXAMPLES)
  add(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateMetricDto,
    @CurrentPrincipal() principal: Principal,
    @ClientGone() gone: AbortSignal,
  ): Promise<SuccessMetricDto> {
    return this.metrics.add(id, body, principal, gone);
  }

  /** The action's success metrics, oldest first, a page at a time. */
  @Get()
  @Access('viewer')
  list(@Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<SuccessMetricPageDto> {
    return this.metrics.page(id, query);
  }

  @Get(':metricId')
  @Access('viewer')
  get(
    @Param('id', UuidParamPipe) id: string,
    @Param('metricId', UuidParamPipe) metricId: string,
  ): Promise<SuccessMetricDto> {
    return this.metrics.get(id, metricId);
  }

  /** Changes the metric; changing what is measured forgets the measured baseline and the met streak. */
  @Patch(':metricId')
  @Access('editor')
  @RequestExamples(UpdateMetricDto, UPDATE_METRIC_EXAMPLES)
  update(
    @Param('id', UuidParamPipe) id: string,
    @Param('metricId', UuidParamPipe) metricId: string,
    @Body() body: UpdateMetricDto,
    @CurrentPrincipal() principal: Principal,
    @ClientGone() gone: AbortSignal,
  ): Promise<SuccessMetricDto> {
    return this.metrics.update(id, metricId, body, principal, gone);
  }

  @Delete(':metricId')
  @Access('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @Param('id', UuidParamPipe) id: string,
    @Param('metricId', UuidParamPipe) metricId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    return this.metrics.remove(id, metricId, principal);
  }
}
