import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../http/access.decorator';
import { ClientGone } from '../http/client-gone.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { PREVIEW_METRIC_EXAMPLES } from '../success-metrics/dto/metric.examples';
import { BACKFILL_EXAMPLES, RUN_SCORING_EXAMPLES } from './dto/scoring.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { BackfillDto } from './dto/backfill.dto';
import { BackfillSummaryDto, PassSummaryDto } from './dto/pass-summary.dto';
import { PreviewMetricDto } from './dto/preview-metric.dto';
import { PreviewResultDto } from './dto/preview-result.dto';
import { RunScoringDto } from './dto/run-scoring.dto';
import { ScoringRunsService } from './scoring-runs.service';

@ApiTags('scoring')
@Controller('api/v1')
export class ScoringRunsController {
  constructor(private readonly scoring: ScoringRunsService) {}

  /** Scores every metric (or the given actions') now, or as of a past `at`; a slot already scored is skipped. */
  @Post('scoring/run')
  @Access('scorer')
  @HttpCode(HttpStatus.OK)
  @RequestExamples(RunScoringDto, RUN_SCORING_EXAMPLES)
  run(@Body() body: RunScoringDto): Promise<PassSummaryDto> {
    return this.scoring.run(body);
  }

  /** Replays the action's checks at every `every` in [from, to], oldest first, with their effects at their own time. */
  @Post('actions/:id/backfill')
  @Access('editor')
  @HttpCode(HttpStatus.OK)
  @RequestExamples(BackfillDto, BACKFILL_EXAMPLES)
  backfill(@Param('id', UuidParamPipe) id: string, @Body() body: BackfillDto): Promise<BackfillSummaryDto> {
    return this.scoring.backfill(id, body);
  }

  /** Runs a metric definition once without saving it: baseline, value, goal, verdict and the window's points. */
  @Post('metrics/preview')
  @Access('editor')
  @HttpCode(HttpStatus.OK)
  @RequestExamples(PreviewMetricDto, PREVIEW_METRIC_EXAMPLES)
  preview(@Body() body: PreviewMetricDto, @ClientGone() gone: AbortSignal): Promise<PreviewResultDto> {
    return this.scoring.preview(body, gone);
  }
}
