/** Actions by priority; every priority is present, 0 when none. */
export class PriorityCountsDto {
  P0: number;
  P1: number;
  P2: number;
  P3: number;
}
