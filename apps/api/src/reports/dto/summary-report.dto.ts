import { FlagCountsDto } from './flag-counts.dto';
import { PriorityCountsDto } from './priority-counts.dto';
import { StatusCountsDto } from './status-counts.dto';
import { TeamSummaryDto } from './team-summary.dto';
import { TelemetryCoverageDto } from './telemetry-coverage.dto';
import { TimeToVerifyDto } from './time-to-verify.dto';
import { VerificationSummaryDto } from './verification-summary.dto';

/** The state of remediation across the actions in scope. No person appears in it: teams own actions. */
export class SummaryReportDto {
  generatedAt: string;
  total: number;
  byStatus: StatusCountsDto;
  byPriority: PriorityCountsDto;
  byFlag: FlagCountsDto;
  /** Sorted by team name. */
  byTeam: TeamSummaryDto[];
  telemetryCoverage: TelemetryCoverageDto;
  verification: VerificationSummaryDto;
  timeToVerify: TimeToVerifyDto;
}
