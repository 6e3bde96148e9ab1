/** One owner team's actions. overdue and stalled count active flags; flagged, actions with any active flag. */
export class TeamSummaryDto {
  team: string;
  total: number;
  /** Status `open` only (not started). */
  open: number;
  inProgress: number;
  implemented: number;
  verified: number;
  wontFix: number;
  overdue: number;
  stalled: number;
  flagged: number;
}
