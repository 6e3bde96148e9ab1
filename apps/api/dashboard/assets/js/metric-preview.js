import { apiSend } from './api-client.js';
import { releaseChart } from './chart-registry.js';
import { fact, h, replaceChildren } from './dom.js';
import { clearErrors, showErrors } from './form-errors.js';
import { label, number, significance } from './format.js';
import { previewChart } from './preview-chart.js';

const DELAY_MS = 500;
const TZ = 'UTC';

/**
 * The live preview of a metric being written (docs/api.md, "Preview"): `schedule()` after each
 * change runs POST /api/v1/metrics/preview once typing pauses, cancelling the one still running.
 * `read()` gives the definition, or null while it is too incomplete to run. A refusal is shown
 * under the field it names (and cleared by the next answer), and the panel says it could not run;
 * so is a query the datasource refuses.
 */
export function metricPreview({ form, read, actionId }) {
  const status = h('p', { class: 'muted preview-status', id: 'preview-status', role: 'status' });
  const body = h('div', { class: 'preview-body', id: 'preview-body' });
  const element = h(
    'section',
    { class: 'metric-preview', id: 'metric-preview', 'aria-labelledby': 'preview-title' },
    h('h3', { id: 'preview-title' }, 'Preview'),
    status,
    body,
  );
  let timer;
  let running;
  let chart;
  let state = 'idle';
  const setState = (next, text) => {
    state = next;
    element.dataset.state = next;
    status.textContent = text;
  };
  const clearBody = () => {
    releaseChart(chart);
    chart = null;
    replaceChildren(body);
  };

  async function run() {
    running?.abort();
    const definition = read();
    if (!definition) {
      clearBody();
      return setState('idle', 'Write a query (or a selector) to see what it measures.');
    }
    const controller = new AbortController();
    running = controller;
    setState('running', 'Running the preview…');
    try {
      const preview = await apiSend('POST', '/api/v1/metrics/preview', { ...definition, actionId }, controller.signal);
      if (controller.signal.aborted) return;
      // A query the datasource refuses is answered 200 with the check's `error` (verdict error):
      // like a 400, it belongs under the field that holds the query.
      if (preview.error) return fail(new Error(`${'query' in definition ? 'query' : 'selector'}: ${preview.error}`));
      clearErrors(form);
      draw(preview);
    } catch (err) {
      if (controller.signal.aborted || err?.name === 'AbortError') return;
      fail(err);
    }
  }

  function fail(err) {
    const unclaimed = showErrors(form, err, { live: true });
    clearBody();
    const why = unclaimed.length ? unclaimed.join('; ') : 'see the message under the field it names.';
    setState('failed', `The preview could not run: ${why}`);
  }

  function draw(preview) {
    clearBody();
    const canvas = h('canvas', {
      id: 'preview-chart',
      role: 'img',
      'aria-label': 'Preview: the baseline over its range, the window’s points, the goal and the value now',
    });
    const test = significance(preview);
    replaceChildren(
      body,
      h(
        'p',
        { class: 'preview-verdict' },
        h('span', { class: `badge verdict-${preview.verdict}`, id: 'preview-verdict' }, label(preview.verdict)),
        ' ',
        h('span', { id: 'preview-reason' }, preview.reason),
      ),
      test ? h('p', { class: 'muted', id: 'preview-significance' }, `Significance: ${test}`) : null,
      h(
        'dl',
        { class: 'facts' },
        fact('Baseline', number(preview.baseline)),
        fact('Goal', number(preview.goal)),
        fact('Value now', number(preview.value)),
        fact('Points', String(preview.points.length)),
      ),
      preview.translatedQuery
        ? h(
            'p',
            { id: 'preview-translated' },
            'Scored as PromQL: ',
            h('code', { class: 'query' }, preview.translatedQuery),
          )
        : null,
      h('div', { class: 'chart-box preview-chart' }, canvas),
    );
    chart = previewChart(canvas, preview, TZ);
    setState('drawn', `Preview of ${preview.points.length} points in the window.`);
  }

  return {
    element,
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    },
    get state() {
      return state;
    },
    stop() {
      clearTimeout(timer);
      running?.abort();
      clearBody();
    },
  };
}
