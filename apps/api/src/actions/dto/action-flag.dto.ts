import type { FlagKind } from '@app/domain';

/** An active flag: raised automatically by the scorer, cleared when the condition ends. */
export class ActionFlagDto {
  id: string;
  kind: FlagKind;
  raisedAt: string;
  /** Why it was raised, in words. */
  reason: string;
}
