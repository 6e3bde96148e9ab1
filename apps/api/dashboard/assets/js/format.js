const DAY_MS = 86_400_000;

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** `2026-11-26` in the given zone (a bucket's local date). */
export function localDate(value, tz) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(value));
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `26 Nov` in the given zone, for axis ticks. */
export function shortDate(value, tz) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'short' }).format(new Date(value));
}

/** `26 Nov 2026, 14:00` in the given zone. */
export function dateTime(value, tz) {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function date(value, tz) {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium' }).format(new Date(value));
}

/** "3 days ago", "in 5 days" — relative to now. */
export function relativeDays(value) {
  // Whole days elapsed, as people count them: due 4.6 days ago reads "4 days ago".
  const days = Math.trunc((Date.parse(value) - Date.now()) / DAY_MS);
  if (days === 0) return 'today';
  const words = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  return words.format(days, 'day');
}

export function number(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace(/\.?0+$/, '');
}

export function percent(share) {
  if (share === null || share === undefined) return '—';
  return `${Math.round(share * 100)}%`;
}

export const label = (value) => String(value).replaceAll('_', ' ');

/** A p-value as a reader quotes it: three decimals, and "< 0.001" below that. */
function pValueText(p) {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * The significance test of a check in words, "p = 0.003 on 7 vs 28 blocks" (window vs baseline:
 * the independent units the test compared); null when no test ran.
 */
export function significance(check) {
  const { pValue, effectiveSamples } = check;
  const units = effectiveSamples ? `${effectiveSamples.window} vs ${effectiveSamples.baseline} blocks` : null;
  if (pValue !== null && pValue !== undefined) return units ? `${pValueText(pValue)} on ${units}` : pValueText(pValue);
  return units ? `no p-value on ${units}` : null;
}
