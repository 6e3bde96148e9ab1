import type { FlagKind } from '@app/domain';

/** One raise of a flag; clearedAt is set when the condition ended. */
export class FlagDto {
  id: string;
  actionId: string;
  kind: FlagKind;
  raisedAt: string;
  clearedAt: string | null;
  /** Why it was raised, in words. */
  reason: string;
}
