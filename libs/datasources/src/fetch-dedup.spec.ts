import { describe, expect, it } from '@jest/globals';
import { FetchDedup } from './fetch-dedup';
import { DatasourceError, type MetricSource, type RangeRequest, type Series } from './metric-source';

/** Counts range() calls; answers each with a series labelled by its query. */
class CountingSource implements MetricSource {
  readonly requests: RangeRequest[] = [];
  constructor(readonly name: string) {}
  async range(request: RangeRequest): Promise<Series | null> {
    this.requests.push(request);
    if (request.query === 'broken') throw new DatasourceError('bad_query', 'parse error', this.name);
    return { labels: { q: request.query }, samples: [{ at: request.start, value: 1 }] };
  }
  async validate(): Promise<void> {
    throw new Error('validate is not part of this test');
  }
  async metricNames(): Promise<never> {
    throw new Error('metricNames is not part of this test');
  }
}

const REQUEST: RangeRequest = { query: 'up', start: 0, end: 60_000, stepMs: 15_000 };

describe('FetchDedup', () => {
  it('makes identical fetches once and shares the answer', async () => {
    const source = new CountingSource('a');
    const memo = new FetchDedup();
    const [first, second] = await Promise.all([memo.range(source, REQUEST), memo.range(source, { ...REQUEST })]);
    expect(source.requests).toHaveLength(1);
    expect(second).toBe(first);
    expect(memo.size).toBe(1);
  });

  it.each([
    ['query', { query: 'down' }],
    ['start', { start: 1 }],
    ['end', { end: 60_001 }],
    ['step', { stepMs: 30_000 }],
  ])('fetches again when the %s differs', async (_field, change) => {
    const source = new CountingSource('a');
    const memo = new FetchDedup();
    await memo.range(source, REQUEST);
    await memo.range(source, { ...REQUEST, ...change });
    expect(source.requests).toHaveLength(2);
  });

  it('keeps datasources apart', async () => {
    const a = new CountingSource('a');
    const b = new CountingSource('b');
    const memo = new FetchDedup();
    await memo.range(a, REQUEST);
    await memo.range(b, REQUEST);
    expect([a.requests.length, b.requests.length]).toEqual([1, 1]);
  });

  it('shares a failure within the pass, and a new pass fetches again', async () => {
    const source = new CountingSource('a');
    const memo = new FetchDedup();
    const broken = { ...REQUEST, query: 'broken' };
    await expect(memo.range(source, broken)).rejects.toThrow('parse error');
    await expect(memo.range(source, broken)).rejects.toThrow('parse error');
    expect(source.requests).toHaveLength(1);
    await expect(new FetchDedup().range(source, broken)).rejects.toThrow('parse error');
    expect(source.requests).toHaveLength(2);
  });

  it('wraps a source so code taking a MetricSource dedups too', async () => {
    const source = new CountingSource('a');
    const wrapped = new FetchDedup().wrap(source);
    expect(wrapped.name).toBe('a');
    await wrapped.range(REQUEST);
    await wrapped.range(REQUEST);
    expect(source.requests).toHaveLength(1);
  });

  it('gives a kept answer again as an equal series of its own', async () => {
    const source = new CountingSource('a');
    const memo = new FetchDedup();
    const first = await memo.range(source, REQUEST);
    const again = await memo.range(source, REQUEST);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(source.requests).toHaveLength(1);
  });

  it('drops the least recently used answers past its budget, never one in flight', async () => {
    const source = new CountingSource('a');
    // Each answer has one sample: it costs 2, so a budget of 4 keeps two.
    const memo = new FetchDedup(4);
    const at = (query: string) => ({ ...REQUEST, query });
    await memo.range(source, at('a'));
    await memo.range(source, at('b'));
    await memo.range(source, at('a'));
    await memo.range(source, at('c'));
    expect(memo.kept).toBe(4);
    await memo.range(source, at('a'));
    await memo.range(source, at('c'));
    expect(source.requests.map((r) => r.query)).toEqual(['a', 'b', 'c']);
    await memo.range(source, at('b'));
    expect(source.requests.map((r) => r.query)).toEqual(['a', 'b', 'c', 'b']);
    expect(memo.size).toBe(4);
  });

  it('shares a fetch still in flight even when the budget is spent', async () => {
    let answer!: (series: Series) => void;
    const slow = new (class extends CountingSource {
      override range(): Promise<Series> {
        return new Promise<Series>((r) => (answer = r));
      }
    })('slow');
    const memo = new FetchDedup(0);
    const first = memo.range(slow, REQUEST);
    const second = memo.range(slow, REQUEST);
    expect(second).toBe(first);
    answer({ labels: {}, samples: [] });
    await first;
    expect(memo.kept).toBe(0);
  });
});
