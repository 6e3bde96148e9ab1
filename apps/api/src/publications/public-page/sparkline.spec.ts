import { describe, expect, it } from '@jest/globals';
import { sparklineSvg } from './sparkline';
import type { PublicMetric } from './public-view.model';

const day = (n: number) => new Date(Date.UTC(2026, 10, n));

function metric(values: number[], overrides: Partial<PublicMetric> = {}): PublicMetric {
  return {
    name: 'p99 latency',
    direction: 'decrease',
    baseline: 0.8,
    trend: values.map((value, i) => ({ at: day(i + 1), value, goal: 0.5 })),
    ...overrides,
  };
}

/** The y coordinate of a horizontal line of the given class. */
function levelY(svg: string, kind: string): number {
  const match = new RegExp(`<line class="${kind}"[^>]* y1="([\\d.]+)"`).exec(svg);
  if (!match) throw new Error(`no ${kind} line in ${svg}`);
  return Number(match[1]);
}

function polyline(svg: string): Array<[number, number]> {
  const match = /<polyline class="line" points="([^"]+)"/.exec(svg);
  if (!match) throw new Error(`no polyline in ${svg}`);
  return match[1].split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
}

describe('sparklineSvg', () => {
  it('draws nothing before anything was measured', () => {
    expect(sparklineSvg(metric([]))).toBeNull();
  });

  it('draws each check left to right in time, higher values higher up, with goal and baseline lines', () => {
    const svg = sparklineSvg(metric([0.8, 0.6, 0.3]))!;
    const points = polyline(svg);
    expect(points).toHaveLength(3);
    expect(points[0][0]).toBeLessThan(points[1][0]);
    expect(points[1][0]).toBeLessThan(points[2][0]);
    // SVG's y grows downwards: the falling latency goes down the chart.
    expect(points[0][1]).toBeLessThan(points[1][1]);
    expect(points[1][1]).toBeLessThan(points[2][1]);
    expect(levelY(svg, 'baseline')).toBeCloseTo(points[0][1], 1);
    expect(levelY(svg, 'goal')).toBeGreaterThan(levelY(svg, 'baseline'));
    expect(levelY(svg, 'goal')).toBeLessThan(points[2][1]);
  });

  it('places checks by their time, not their index', () => {
    const uneven = metric([1, 2, 3], {
      trend: [
        { at: day(1), value: 1, goal: null },
        { at: day(2), value: 2, goal: null },
        { at: day(11), value: 3, goal: null },
      ],
    });
    const [a, b, c] = polyline(sparklineSvg(uneven)!);
    expect(c[0] - b[0]).toBeCloseTo(9 * (b[0] - a[0]), 0);
  });

  it('draws a single check as a point, and a flat series inside the box', () => {
    const single = sparklineSvg(metric([0.4], { baseline: null, trend: [{ at: day(1), value: 0.4, goal: null }] }))!;
    expect(single).not.toContain('<polyline');
    expect(single).toMatch(/<circle class="last" cx="120\.0" cy="[\d.]+"/);
    const flat = polyline(
      sparklineSvg(
        metric([2, 2, 2], { baseline: null, trend: [1, 2, 3].map((n) => ({ at: day(n), value: 2, goal: null })) }),
      )!,
    );
    for (const [, y] of flat) expect(y).toBeGreaterThan(0);
  });

  it('describes itself for screen readers, escaped, and needs no script or style attribute', () => {
    const svg = sparklineSvg(metric([0.8, 0.3], { name: 'latency <script>' }))!;
    expect(svg).toContain(
      'aria-label="latency &#60;script&#62;: 2 checks from 2026-11-01 to 2026-11-02, latest 0.3; goal 0.5; baseline 0.8"',
    );
    expect(svg).not.toMatch(/<script|style=|on\w+=/i);
  });
});
