import { EffectiveSamplesDto } from '../../success-metrics/dto/metric-evaluation.dto';

export class PreviewPointDto {
  at: string;
  /** null for a NaN or infinite sample (a ratio over zero traffic). */
  value: number | null;
}

export class PreviewRangeDto {
  start: string;
  end: string;
}

export class PreviewResultDto {
  baseline: number | null;
  value: number | null;
  goal: number | null;
  progress: number | null;
  verdict: 'met' | 'improving' | 'not_met' | 'pending' | 'no_data' | 'error';
  /** The one-sided significance test's p-value (with `confidence`). */
  pValue: number | null;
  /** The independent units (block means) the significance test compared; null when no test ran. */
  effectiveSamples: EffectiveSamplesDto | null;
  /** Why the check judges as it does, in one sentence a reader can check against the points. */
  reason: string;
  /**
   * With `seasonality`: per phase bucket (hour of day, or hour of week from Monday 00:00 in `timeZone`)
   * how far the baseline's mean at that hour sits from its overall mean — what each sample is adjusted by.
   */
  seasonalProfile: number[] | null;
  /** With implementedAt: the value over the evaluation window before the fix shipped. */
  preFixValue: number | null;
  windowStart: string;
  windowEnd: string;
  /** The range the baseline was measured over (unless `baseline` was given). */
  baselineRange: PreviewRangeDto;
  /** The window's samples. */
  points: PreviewPointDto[];
  error: string | null;
  /** The PromQL a selector on a prometheus datasource was scored with (`$__window`: max(step, 1m)); null otherwise. */
  translatedQuery: string | null;
}
