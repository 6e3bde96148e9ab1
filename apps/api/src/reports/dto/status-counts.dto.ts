/** Actions by workflow status; every status is present, 0 when none. */
export class StatusCountsDto {
  open: number;
  in_progress: number;
  implemented: number;
  verified: number;
  wont_fix: number;
}
