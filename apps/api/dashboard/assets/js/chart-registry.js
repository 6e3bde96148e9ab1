/** Chart.js keeps a chart per canvas; each page render destroys the previous page's charts. */
const charts = new Set();

export function createChart(canvas, config) {
  const chart = new window.Chart(canvas, config);
  charts.add(chart);
  return chart;
}

/** One chart replaced within a page (a preview drawn again). */
export function releaseChart(chart) {
  if (!chart || !charts.delete(chart)) return;
  chart.destroy();
}

export function destroyCharts() {
  for (const chart of charts) chart.destroy();
  charts.clear();
}

export const COLORS = {
  remaining: '#1f4e79',
  remainingFill: 'rgba(31, 78, 121, 0.10)',
  ideal: '#8a8f98',
  forecast: '#d9822b',
  opened: 'rgba(199, 84, 80, 0.55)',
  closed: 'rgba(46, 139, 87, 0.55)',
  overdue: '#c75450',
  baseline: '#8a8f98',
  goal: '#2e8b57',
  implemented: '#7b4fa0',
  value: '#1f4e79',
};

export const VERDICT_COLORS = {
  met: '#2e8b57',
  improving: '#6aa84f',
  not_met: '#c75450',
  pending: '#8a8f98',
  no_data: '#b0b4ba',
  error: '#7a1f1f',
};

/** Shared look: no animation (screenshots and tests see the final chart), a readable font. */
export function baseOptions() {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, usePointStyle: true } } },
  };
}

/** Up to `max` evenly spaced values, so a linear time axis gets ticks on bucket starts. */
export function spacedTicks(values, max) {
  if (values.length <= max) return values;
  const every = Math.ceil(values.length / max);
  return values.filter((_, i) => i % every === 0);
}
