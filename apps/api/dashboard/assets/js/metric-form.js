import { apiGet, apiSend } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { field, input, select, submitting } from './form-fields.js';
import { metricPreview } from './metric-preview.js';
import { promqlField } from './promql-field.js';
import { selectorBuilder } from './selector-builder.js';

const P = 'metric';
const DIRECTIONS = [
  ['decrease', 'Decrease (lower is better)'],
  ['increase', 'Increase (higher is better)'],
];
const AGGREGATIONS = ['avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'last'];
const SEASONALITIES = [
  ['none', 'None'],
  ['daily', 'Daily (by hour of day)'],
  ['weekly', 'Weekly (by hour of week)'],
];
/** docs/api.md, "Success metrics": the defaults a new metric starts from, shown in the form. */
const DEFAULTS = {
  direction: 'decrease',
  target: { relativePercent: 20 },
  aggregation: 'avg',
  baselineWindow: '14d',
  evaluationWindow: '7d',
  sustainFor: '7d',
  verifyWithin: '30d',
  checkEvery: '1h',
  seasonality: 'none',
};
const WINDOWS = [
  ['baselineWindow', 'Baseline window', 'How much history before the incident the baseline is measured over.'],
  ['evaluationWindow', 'Evaluation window', 'The trailing window each check scores.'],
  ['sustainFor', 'Sustain for', 'How long the goal must hold before the action is verified (0: at once).'],
  ['verifyWithin', 'Verify within', 'After the fix ships, how long it has to prove itself.'],
  ['checkEvery', 'Check every', 'At least 1m.'],
];

const numberOrText = (text) => (text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

/**
 * The success-metric form on an action's page (docs/reporting.md, "Dashboard"): add when `metric`
 * is absent, else edit it. The definition part follows the chosen datasource: a PromQL editor, or
 * the selector builder (an otlp datasource, or by choice on a prometheus one). Every change runs the
 * live preview. `onSaved` redraws the page.
 */
export async function metricForm({ action, metric, onSaved, onCancel }) {
  const datasources = await apiGet('/api/v1/datasources');
  const m = { ...DEFAULTS, ...(metric ?? {}) };
  const definitionBox = h('div', { class: 'metric-definition', id: `${P}-definition` });
  let definition = null; // { kind: 'query' | 'selector', read(), focus(), destroy() }
  let drawn = 0;

  const datasource = select(
    datasources.map((d) => [d.name, `${d.name} (${d.type})`]),
    m.datasource ?? datasources[0]?.name,
  );
  const kind = select(
    [
      ['query', 'A PromQL query'],
      ['selector', 'An OpenTelemetry selector'],
    ],
    metric?.selector ? 'selector' : 'query',
  );
  const kindField = field(P, 'definedBy', 'Defined by', kind);
  const typeOf = (name) => datasources.find((d) => d.name === name)?.type;
  const form = h('form', {
    id: 'metric-form',
    class: 'action-form metric-form',
    'aria-labelledby': 'metric-form-title',
    novalidate: true,
  });
  const preview = metricPreview({ form, read: () => readDefinition(true), actionId: action.id });

  async function drawDefinition() {
    const mine = ++drawn;
    const previousText = definition?.kind === 'query' ? definition.read() : null;
    definition?.destroy();
    definition = null;
    const promql = typeOf(datasource.value) === 'prometheus';
    kindField.hidden = !promql;
    const useQuery = promql && kind.value === 'query';
    if (useQuery) {
      const { element, editor } = await promqlField({
        id: `${P}-query`,
        datasource: datasource.value,
        doc: previousText ?? metric?.query ?? '',
        onChange: () => preview.schedule(),
      });
      if (mine !== drawn) return editor.destroy();
      replaceChildren(definitionBox, element);
      definition = { kind: 'query', read: () => editor.value.trim(), focus: editor.focus, destroy: editor.destroy };
    } else {
      const builder = selectorBuilder({
        id: `${P}-selector`,
        datasource: datasource.value,
        selector: metric?.selector,
        onChange: () => preview.schedule(),
      });
      replaceChildren(definitionBox, builder.element);
      definition = { kind: 'selector', read: builder.read, focus: builder.focus, destroy: () => {} };
    }
    preview.schedule();
  }

  /** The definition in the API's shape; for the preview, null while there is nothing to run. */
  function readDefinition(forPreview) {
    if (!definition) return null;
    const v = (name) => form.elements[name].value.trim();
    const what = definition.read();
    if (forPreview && !(definition.kind === 'query' ? what : what.metric)) return null;
    const target = {};
    const absolute = numberOrText(v('targetAbsolute'));
    const relative = numberOrText(v('targetRelativePercent'));
    if (absolute !== undefined) target.absolute = absolute;
    if (relative !== undefined) target.relativePercent = relative;
    const body = {
      name: v('name') || (forPreview ? 'preview' : ''),
      datasource: datasource.value,
      [definition.kind]: what,
      direction: v('direction'),
      target,
      aggregation: v('aggregation'),
      seasonality: v('seasonality'),
    };
    for (const [name] of WINDOWS) body[name] = v(name);
    const confidence = numberOrText(v('confidence'));
    if (confidence !== undefined) body.confidence = confidence;
    else if (metric && !forPreview) body.confidence = null;
    return body;
  }

  /** For an edit, only what changed; a switch between query and selector says so (the other is cleared). */
  function changed(body) {
    const out = {};
    for (const [name, value] of Object.entries(body)) {
      if (JSON.stringify(metric[name] ?? null) !== JSON.stringify(value ?? null)) out[name] = value;
    }
    return out;
  }

  const targetBox = h(
    'fieldset',
    { class: 'field form-field metric-target', name: 'target', id: `${P}-target` },
    h('legend', null, 'Target: at least one; both must hold when both are given'),
    field(
      P,
      'targetRelativePercent',
      'Better than the baseline by (%)',
      input(m.target?.relativePercent, { inputmode: 'decimal' }),
    ),
    field(P, 'targetAbsolute', 'Absolute goal', input(m.target?.absolute, { inputmode: 'decimal' })),
  );
  form.addEventListener('input', () => preview.schedule());
  form.addEventListener('change', () => preview.schedule());
  datasource.addEventListener('change', drawDefinition);
  kind.addEventListener('change', drawDefinition);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const body = readDefinition(false);
      const path = `/api/v1/actions/${action.id}/metrics`;
      if (!metric) await apiSend('POST', path, body);
      else {
        const patch = changed(body);
        if (Object.keys(patch).length) await apiSend('PATCH', `${path}/${metric.id}`, patch);
      }
      preview.stop();
      await onSaved();
    }).then(() => {
      // A refusal may name a field inside the closed "More settings": open it so the message shows.
      for (const details of form.querySelectorAll('details'))
        if (details.querySelector('[aria-invalid]')) details.open = true;
      form.querySelector('[aria-invalid]')?.focus?.();
    });
  });
  replaceChildren(
    form,
    field(
      P,
      'name',
      'Name',
      input(m.name, { required: true, maxlength: 200, autocomplete: 'off' }),
      'As people say it, e.g. "checkout p99 latency".',
    ),
    field(P, 'datasource', 'Datasource', datasource),
    kindField,
    definitionBox,
    field(P, 'direction', 'Which way is better', select(DIRECTIONS, m.direction)),
    targetBox,
    field(P, 'aggregation', 'Aggregation over the window', select(AGGREGATIONS, m.aggregation)),
    h(
      'details',
      { class: 'metric-advanced' },
      h('summary', null, 'Windows, significance and seasonality'),
      WINDOWS.map(([name, text, hint]) => field(P, name, text, input(m[name], { autocomplete: 'off' }), hint)),
      field(
        P,
        'confidence',
        'Confidence (optional)',
        input(m.confidence, { inputmode: 'decimal', placeholder: 'e.g. 0.95' }),
        'Also require a significance test at this level. Empty: none.',
      ),
      field(P, 'seasonality', 'Seasonality', select(SEASONALITIES, m.seasonality)),
    ),
    preview.element,
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'submit', class: 'button', id: 'metric-save' }, metric ? 'Save metric' : 'Add metric'),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => {
            preview.stop();
            definition?.destroy();
            onCancel();
          },
        },
        'Cancel',
      ),
    ),
  );
  await drawDefinition();
  return { form, focus: () => form.elements.name.focus() };
}
