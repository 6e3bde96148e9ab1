export class DigestRunDto {
  /** ISO week of the digest's scheduled local date, e.g. 2026-W48. */
  week: string;
  scheduledAt: string;
  /** Teams with open actions. */
  teams: number;
  /** Digests written by this call; the others existed for this week already and are not sent again. */
  created: number;
}
