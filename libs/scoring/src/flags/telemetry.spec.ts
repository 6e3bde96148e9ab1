import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from '@app/domain';
import type { Verdict } from '../scoring.types';
import { DAY, metric, outcomeInput, T } from '../testing/action-outcome-input.factory';
import { noTelemetryFlag, sourceErrorFlag } from './telemetry';

const metricWith = (...recentVerdicts: Verdict[]) => metric({ recentVerdicts });

describe('noTelemetryFlag and sourceErrorFlag', () => {
  // recentVerdicts are newest first.
  it.each<[string, Verdict[], boolean, boolean]>([
    ['3 no_data', ['no_data', 'no_data', 'no_data'], true, false],
    ['3 errors', ['error', 'error', 'error'], false, true],
    ['3 no_data after older checks', ['no_data', 'no_data', 'no_data', 'met', 'met'], true, false],
    ['2 no_data only', ['no_data', 'no_data'], false, false],
    ['the newest check had data', ['met', 'no_data', 'no_data', 'no_data'], false, false],
    ['a gap in the run', ['no_data', 'met', 'no_data'], false, false],
    ['no_data and error mixed', ['error', 'no_data', 'error'], false, false],
    ['3 pending', ['pending', 'pending', 'pending'], false, false],
    ['no checks yet', [], false, false],
  ])('%s → no_telemetry %s, source_error %s', (_, verdicts, noTelemetry, sourceError) => {
    const input = outcomeInput({}, [metricWith(...verdicts)]);
    expect(noTelemetryFlag(input).active).toBe(noTelemetry);
    expect(sourceErrorFlag(input).active).toBe(sourceError);
  });

  it('any one metric raises it, and the reason names it', () => {
    const input = outcomeInput({}, [
      metricWith('met', 'met', 'met'),
      metric({ metricId: 'm2', name: 'payment error ratio', recentVerdicts: ['no_data', 'no_data', 'no_data'] }),
    ]);
    expect(noTelemetryFlag(input)).toEqual({
      kind: 'no_telemetry',
      active: true,
      reason: 'the last 3 checks of metric "payment error ratio" returned no data',
    });
  });

  it('names every failing metric', () => {
    const input = outcomeInput({}, [
      metricWith('error', 'error', 'error'),
      metric({ metricId: 'm2', name: 'payment error ratio', recentVerdicts: ['error', 'error', 'error'] }),
    ]);
    expect(sourceErrorFlag(input).reason).toBe(
      'the last 3 checks of metric "checkout p99 latency" failed with a datasource error; the last 3 checks of metric "payment error ratio" failed with a datasource error',
    );
  });

  it('explains an inactive flag', () => {
    expect(noTelemetryFlag(outcomeInput({}, [metricWith('met')])).reason).toBe(
      "no metric's last 3 checks all returned no data",
    );
  });

  it.each<[string, ActionStatus, number | null, boolean]>([
    ['open', 'open', null, true],
    ['in_progress', 'in_progress', null, true],
    ['implemented', 'implemented', null, true],
    ['wont_fix', 'wont_fix', null, false],
    ['verified yesterday (watched)', 'verified', T - DAY, true],
    ['verified exactly watchFor ago (watched)', 'verified', T - 30 * DAY, true],
    ['verified 1 ms more than watchFor ago', 'verified', T - 30 * DAY - 1, false],
  ])('a %s action', (_, status, verifiedAt, active) => {
    const noData = outcomeInput({ status, verifiedAt }, [metricWith('no_data', 'no_data', 'no_data')]);
    const errors = outcomeInput({ status, verifiedAt }, [metricWith('error', 'error', 'error')]);
    expect(noTelemetryFlag(noData).active).toBe(active);
    expect(sourceErrorFlag(errors).active).toBe(active);
  });

  it('says why a closed action is not watched', () => {
    expect(
      noTelemetryFlag(outcomeInput({ status: 'wont_fix' }, [metricWith('no_data', 'no_data', 'no_data')])).reason,
    ).toBe('the action is wont_fix and no longer watched');
  });
});
