import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_MAX_QUERY_RANGE_MS,
  MAX_SUBQUERY_POINTS,
  MAX_SUBQUERY_STEPS,
  promqlCostRefusal,
  type PromqlCostLimits,
} from './promql-cost.rules';

const DAY = 86_400_000;
const INSTANT: PromqlCostLimits = { maxRangeMs: DEFAULT_MAX_QUERY_RANGE_MS, spanMs: 0 };

function refusal(query: string, limits: Partial<PromqlCostLimits> = {}): string | null {
  return promqlCostRefusal(query, { ...INSTANT, ...limits });
}

describe('promqlCostRefusal', () => {
  it.each([
    'up',
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
    // An SLO over a month: the longest legitimate range, within the default 31d.
    '1 - increase(errors_total[30d]) / increase(requests_total[30d])',
    'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))',
    'max_over_time(rate(x[5m])[1d:5m])',
    'avg_over_time(x[7d:1m])',
    'x[31d]',
    'rate(x[5m] offset 30d)',
    'rate(x[5m] @ 1700000000)',
    'rate(x[5m] @ start())',
    'max_over_time(x[1h:]) offset 1w',
    'x[2678400]',
    'x[1d * 31]',
    'x[max_of(1h, 2h)]',
  ])('accepts %s', (query) => {
    expect(refusal(query)).toBeNull();
  });

  it('refuses the attack: a five-year subquery at one second, naming it and the limit', () => {
    const message = refusal('max_over_time(up[1825d:1s])');
    expect(message).toContain('"up[1825d:1s]"');
    expect(message).toContain('1825d');
    expect(message).toContain('longer than 31d (limits.maxQueryRange)');
  });

  it('refuses a range selector longer than the maximum', () => {
    expect(refusal('increase(x[32d])')).toBe(
      'the range selector "x[32d]" spans 32d, longer than 31d (limits.maxQueryRange)',
    );
  });

  it('follows the configured maximum', () => {
    expect(refusal('increase(x[90d])', { maxRangeMs: 90 * DAY })).toBeNull();
    expect(refusal('increase(x[2h])', { maxRangeMs: 3_600_000 })).toContain('longer than 1h');
  });

  it.each([
    ['x[2w5d]', '19d'],
    ['x[1y]', '365d'],
    ['x[3000000]', '50000m'],
    ['x[30d + 2d]', '32d'],
    ['x[(16d) * 2]', '32d'],
    ['x[max_of(1d, 40d)]', '40d'],
    ['x[1h ^ 2]', '150d'],
  ])('reads the duration of %s', (query, spans) => {
    const message = refusal(query, { maxRangeMs: 1 });
    expect(message).toContain(`spans ${spans},`);
  });

  it('refuses an infinite range', () => {
    expect(refusal('x[Inf]')).toContain('spans Inf');
  });

  it('refuses a subquery range longer than the maximum, before counting points', () => {
    expect(refusal('max_over_time(x[40d:1h])')).toContain('the subquery "x[40d:1h]" spans 40d');
  });

  it('refuses a subquery of more than 11,000 points per series, saying the least resolution', () => {
    const message = refusal('max_over_time(up[30d:1s])');
    expect(message).toContain(`takes 2592000 points per series (30d at 1s), more than ${MAX_SUBQUERY_POINTS}`);
    expect(message).toContain('at least 236s');
  });

  it('accepts exactly 11,000 points and refuses one more', () => {
    expect(refusal('max_over_time(x[11000s:1s])')).toBeNull();
    expect(refusal('max_over_time(x[11001s:1s])')).toContain('11001 points');
  });

  it('counts an omitted resolution at the default 1m', () => {
    expect(refusal('max_over_time(x[7d:])')).toBeNull();
    expect(refusal('max_over_time(x[8d:])')).toContain('11520 points per series (8d at 1m (the default resolution))');
  });

  it('counts a nested subquery over the ranges of the subqueries around it', () => {
    // Alone, 1h at 1s is 3,600 points; inside a 7d subquery it is evaluated over 7d and 1h.
    expect(refusal('max_over_time(x[1h:1s])')).toBeNull();
    const message = refusal('max_over_time(max_over_time(x[1h:1s])[7d:1h])');
    expect(message).toContain('the subquery "x[1h:1s]" takes 608400 points');
    expect(message).toContain('with the 1w of the subqueries around it');
  });

  it('counts a subquery across the window a range query runs it over', () => {
    // 3,600 points at each instant, but evaluated second by second over a 1825-day window.
    const message = refusal('max_over_time(up[1h:1s])', { spanMs: 1825 * DAY });
    expect(message).toContain(`over the metric's 1825d window (at 1s), more than ${MAX_SUBQUERY_STEPS}`);
    expect(refusal('max_over_time(x[5m:1m])', { spanMs: 14 * DAY })).toBeNull();
  });

  it('refuses a range that depends on the query step, which cannot be bounded beforehand', () => {
    expect(refusal('x[step() * 100000]')).toContain('must be a fixed duration');
    expect(refusal('max_over_time(x[1d:range()])')).toContain('must be a fixed duration');
  });

  it('names the outermost offending part first', () => {
    expect(refusal('max_over_time(rate(x[60d])[90d:1m])')).toContain('the subquery');
  });

  it.each(['rate(x[5m', 'sum(', 'x[1825d:1s', 'x{a="b"', 'rate(x{path="[90d]"}[5m]', 'x[5m] +'])(
    'leaves a query it cannot parse to the datasource: %s',
    (query) => {
      expect(refusal(query)).toBeNull();
    },
  );

  it('quotes a long part shortened', () => {
    const long = `max_over_time(x{${Array.from({ length: 20 }, (_, i) => `l${i}="v"`).join(',')}}[60d])`;
    const message = refusal(long)!;
    expect(message).toContain('…" spans 60d');
  });

  it('walks the deepest nesting a query of the longest length can hold', () => {
    // 10,000 characters (MAX_QUERY_LENGTH) of parentheses around one range selector.
    const depth = 4_990;
    expect(refusal(`${'('.repeat(depth)}x[60d]${')'.repeat(depth)}`)).toContain('spans 60d');
    // 400 nested subqueries of 1m at 1m: the innermost covers 400 points, within the limits.
    let nested = 'rate(x[5m])';
    for (let i = 0; i < 400; i += 1) nested = `max_over_time(${nested}[1m:1m])`;
    expect(refusal(nested)).toBeNull();
    expect(refusal(nested.replace('x[5m]', 'x[60d]'))).toContain('the range selector "x[60d]" spans 60d');
  });

  it('checks the bracketed ranges of a query it cannot parse whole', () => {
    expect(refusal('max_over_time(up[1825d:1s]) +')).toBe(
      'the subquery "[1825d:1s]" spans 1825d, longer than 31d (limits.maxQueryRange)',
    );
    expect(refusal('rate(x[90d]')).toContain('the range selector "[90d]" spans 90d');
    expect(refusal('max_over_time(up[30d:1s]) +')).toContain('2592000 points per series');
    expect(refusal('max_over_time(up[7d:]) +')).toBeNull();
    // Ranges written inside string literals are not ranges.
    expect(refusal('rate(x{path="/a[90d]"}[5m]) +')).toBeNull();
  });

  it('adds up the subqueries of a query, each within the limits', () => {
    // Each: (30d + 14d) / 4m = 15,840 instants; seven of them are 110,880.
    const one = 'max_over_time(x[30d:4m])';
    const limits = { spanMs: 14 * DAY };
    expect(refusal(Array(6).fill(one).join(' + '), limits)).toBeNull();
    expect(refusal(Array(7).fill(one).join(' + '), limits)).toBe(
      `the subqueries are evaluated at 110880 instants in all over the metric's 2w window, more than ${MAX_SUBQUERY_STEPS}; use fewer subqueries or coarser resolutions`,
    );
    expect(refusal(`${Array(7).fill(one).join(' + ')} +`, limits)).toContain('110880 instants in all');
  });
});
