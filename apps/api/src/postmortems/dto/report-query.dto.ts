import { IsIn, IsOptional } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '../report/report-format';

export class ReportQueryDto {
  /** `markdown` (default) or `html`: a standalone, printable HTML5 document. */
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
