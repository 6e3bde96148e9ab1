import { PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import type { Severity } from '@app/persistence';
import { ListActionsQueryDto } from '../../actions/dto/list-actions-query.dto';
import { toQueryList } from '../../actions/validation/query-list';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { SEVERITIES } from '../../postmortems/postmortem.constants';
import { SUMMARY_FORMATS, type SummaryFormat } from '../summary-format';

/** The same scope filters as GET /api/v1/actions (validated by the same rules), plus severity and format. */
export class SummaryReportQueryDto extends PickType(ListActionsQueryDto, [
  'team',
  'service',
  'priority',
  'postmortemId',
] as const) {
  /** The severity of the action's post-mortem, one or several: `SEV1,SEV2`. */
  @IfDefined()
  @Transform(({ value }) => toQueryList(value))
  @IsIn(SEVERITIES, {
    each: true,
    message: `severity must be one or more of ${SEVERITIES.join(', ')}, comma separated`,
  })
  severity?: Severity[];

  /** `json` (default) or `csv`: a long table `section,key,value`, as a download. */
  @IfDefined()
  @IsIn(SUMMARY_FORMATS)
  format?: SummaryFormat;
}
