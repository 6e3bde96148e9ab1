import type { AppConfig } from '@app/config';
import { parseDuration } from '@app/domain';
import type { ScoringThresholds } from '@app/scoring';

/** The scoring section of the configuration, with its durations in milliseconds. */
export interface ScoringSettings {
  thresholds: ScoringThresholds;
  tickEveryMs: number;
  leaseMs: number;
  batchSize: number;
  concurrency: number;
}

export function scoringSettings(config: Pick<AppConfig, 'scoring'>): ScoringSettings {
  const s = config.scoring;
  return {
    thresholds: {
      improvingThreshold: s.improvingThreshold,
      stallAfterMs: parseDuration(s.stallAfter),
      minProgressGain: s.minProgressGain,
      regressionChecks: s.regressionChecks,
      watchForMs: parseDuration(s.watchFor),
    },
    tickEveryMs: parseDuration(s.tickEvery),
    leaseMs: parseDuration(s.leaseFor),
    batchSize: s.batchSize,
    concurrency: s.concurrency,
  };
}
