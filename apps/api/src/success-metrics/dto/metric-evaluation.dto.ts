/** How many independent units each side of the significance test had. */
export class EffectiveSamplesDto {
  window: number;
  baseline: number;
}

/** One scored check of a success metric. */
export class MetricEvaluationDto {
  id: string;
  metricId: string;
  at: string;
  windowStart: string;
  windowEnd: string;
  value: number | null;
  baseline: number | null;
  goal: number | null;
  /** 0..1: how far from the baseline to the goal the value has come. */
  progress: number | null;
  verdict: 'met' | 'improving' | 'not_met' | 'pending' | 'no_data' | 'error';
  /** The one-sided significance test's p-value, when the metric sets `confidence` and the test could run. */
  pValue: number | null;
  /** The independent units (block means) the significance test compared; null when no test ran. */
  effectiveSamples: EffectiveSamplesDto | null;
  samples: number;
  error: string | null;
  /** Why the check judged as it did, in one sentence a reader can check against the chart; null on checks older than reasons. */
  reason: string | null;
  durationMs: number;
}
