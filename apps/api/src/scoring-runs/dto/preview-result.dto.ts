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
  pValue: number | null;
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
