import type { MetricTrack } from '../scoring.types';

/** A metric as a reason names it: by the name people gave it, quoted (`metric "checkout p99 latency"`). */
export function metricInWords(track: Pick<MetricTrack, 'name'>): string {
  return `metric ${JSON.stringify(track.name)}`;
}
