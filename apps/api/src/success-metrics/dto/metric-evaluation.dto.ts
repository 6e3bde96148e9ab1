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
  pValue: number | null;
  samples: number;
  error: string | null;
  durationMs: number;
}
