const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of values: each value one of eight block heights between the smallest and the
 * largest; a missing value (null, NaN) is a space; a flat series sits on the middle bar. At most
 * `width` characters: a longer series is averaged into that many buckets.
 */
export function sparkline(values: readonly (number | null)[], width = 60): string {
  const series = squeeze(values, width);
  const finite = series.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return '';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return series
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}

/** The series cut into `width` consecutive buckets, each the mean of its finite values (null if none). */
function squeeze(values: readonly (number | null)[], width: number): (number | null)[] {
  if (values.length <= width) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    const bucket = values
      .slice(Math.floor((i * values.length) / width), Math.floor(((i + 1) * values.length) / width))
      .filter((v): v is number => v !== null && Number.isFinite(v));
    out.push(bucket.length ? bucket.reduce((a, b) => a + b, 0) / bucket.length : null);
  }
  return out;
}
