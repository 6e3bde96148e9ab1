import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../actions/dto/page-query.dto';
import { Access } from '../http/access.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { EvaluationPageDto } from './dto/evaluation-page.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@Controller('api/v1/actions/:id/evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  /** The action's scored checks, every metric together, newest first, a page at a time. */
  @Get()
  @Access('viewer')
  list(@Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<EvaluationPageDto> {
    return this.evaluations.page(id, query);
  }
}
