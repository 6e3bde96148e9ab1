/** Actions with an active flag of each kind (an action with two kinds counts under both). */
export class FlagCountsDto {
  overdue: number;
  stalled: number;
  ineffective: number;
  regressed: number;
  no_telemetry: number;
  source_error: number;
  improved_before_fix: number;
}
