import { improvedBeforeFixFlag } from './flags/improved-before-fix';
import { ineffectiveFlag } from './flags/ineffective';
import { overdueFlag } from './flags/overdue';
import { regressedFlag } from './flags/regressed';
import { stalledFlag } from './flags/stalled';
import { noTelemetryFlag, sourceErrorFlag } from './flags/telemetry';
import type { ActionOutcome, ActionOutcomeInput, FlagDecision } from './scoring.types';
import { shouldVerify } from './verify';

/** One rule per flag kind, in the order of FLAG_KINDS. */
const FLAG_RULES: ReadonlyArray<(input: ActionOutcomeInput) => FlagDecision> = [
  overdueFlag,
  stalledFlag,
  ineffectiveFlag,
  regressedFlag,
  noTelemetryFlag,
  sourceErrorFlag,
  improvedBeforeFixFlag,
];

/**
 * The action-level outcome (docs/scoring.md, "Verification" and "Flags") after a scoring of the action's metrics at
 * `input.at`. The flags are decided for the action as it stands after this outcome: an action verified now is terminal
 * now, so its overdue/stalled/ineffective flags clear in the same pass (verifiedAt = at).
 */
export function actionOutcome(input: ActionOutcomeInput): ActionOutcome {
  const verify = shouldVerify(input);
  const after: ActionOutcomeInput = verify
    ? { ...input, action: { ...input.action, status: 'verified', verifiedAt: input.at } }
    : input;
  return { verify, flags: FLAG_RULES.map((rule) => rule(after)) };
}
