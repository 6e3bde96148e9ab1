import { describe, expect, it } from '@jest/globals';
import { renderBurndown } from './burndown.command';
import { renderPreview } from './metrics.command';

describe('renderPreview', () => {
  const preview = {
    verdict: 'met',
    reason: 'the window is 37.5 % better than the baseline',
    baseline: 400,
    value: 250,
    goal: 300,
    pValue: null,
    preFixValue: null,
    translatedQuery: null,
    error: null,
    baselineRange: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' },
    windowStart: '2026-11-10T00:00:00.000Z',
    windowEnd: '2026-11-11T00:00:00.000Z',
    points: [400, 380, null, 250].map((value, i) => ({ at: `2026-11-10T0${i}:00:00.000Z`, value })),
  };

  it('gives every number of the preview, its reason and a sparkline of its points', () => {
    const text = renderPreview(preview);
    expect(text).toMatch(/^verdict +met$/m);
    expect(text).toMatch(/^reason +the window is 37\.5 % better than the baseline$/m);
    expect(text).toMatch(/^baseline +400$/m);
    expect(text).toMatch(/^value +250$/m);
    expect(text).toMatch(/^goal +300$/m);
    expect(text).toMatch(/^points +4$/m);
    expect(text).toMatch(/^trend +█▇ ▁$/m);
    expect(text).not.toContain('p-value');
  });

  it('shows what went wrong and no sparkline when the window has no data', () => {
    const text = renderPreview({ ...preview, verdict: 'error', value: null, points: [], error: 'unreachable' });
    expect(text).toMatch(/^value +–$/m);
    expect(text).toMatch(/^error +unreachable$/m);
    expect(text).not.toContain('trend');
  });
});

describe('renderBurndown', () => {
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;
  const burndown = {
    points: [5, 5, 4, 3, 1].map((remaining, i) => ({ at: day(i + 1), remaining, opened: 0, closed: 0, overdue: 0 })),
    ideal: [4, 3, 2, 1, 0].map((remaining, i) => ({ at: day(i + 2), remaining })),
    forecast: { trend: 'closing', zeroAt: day(9), closingPerWeek: 5.6, onTrack: true, remaining: 1 },
  };

  it('plots remaining and ideal with the range, what remains and the forecast', () => {
    const text = renderBurndown(burndown);
    const axis = text.split('\n').filter((line) => /[┤┼]/.test(line));
    expect(axis).toHaveLength(13);
    expect(axis[0]).toMatch(/^ +5\.0 ┼/);
    expect(axis.at(-1)).toMatch(/^ +0\.0 [┤┼]/);
    expect(text).toContain(`${day(1)} … ${day(5)}`);
    expect(text).toContain('Remaining now: 1');
    expect(text).toContain(`Forecast: closing, 5.6 closed a week, 1 remaining, none left by ${day(9)} (on track)`);
  });

  it('says so when the range has no bucket', () => {
    expect(renderBurndown({ ...burndown, points: [], ideal: [] })).toBe('No buckets in this range.');
  });
});
