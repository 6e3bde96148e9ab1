import { h, replaceChildren } from './dom.js';
import { select } from './form-fields.js';
import { metricNames } from './metric-names.js';

/** docs/opentelemetry.md, "Selectors". */
const STATISTICS = ['value', 'rate', 'increase', 'mean', 'p50', 'p90', 'p95', 'p99', 'count'];
const NAMES_DELAY_MS = 250;

/** A labelled control inside the builder; its id is `prefix-part`. */
function part(id, text, control) {
  control.id = id;
  return h('div', { class: 'field form-field' }, h('label', { for: id }, text), control);
}

/**
 * One side of a selector: metric (completed from the datasource's names), attributes as key/value
 * rows, statistic. `role` is "" for the numerator and "Denominator " for the denominator.
 */
function term(prefix, role, datasource, initial, onChange) {
  const listId = `${prefix}-names`;
  const names = h('datalist', { id: listId });
  const metric = h('input', { type: 'text', value: initial?.metric ?? '', list: listId, autocomplete: 'off' });
  let timer;
  metric.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const found = await metricNames(datasource, metric.value.trim());
      replaceChildren(
        names,
        found.map((n) => h('option', { value: n })),
      );
    }, NAMES_DELAY_MS);
  });
  const statistic = select(STATISTICS, initial?.statistic ?? 'value');
  const rows = h('ol', { class: 'attribute-rows', id: `${prefix}-attributes` });
  const renumber = () =>
    [...rows.children].forEach((row, i) => {
      const n = i + 1;
      const [key, value] = row.querySelectorAll('input');
      row.querySelector('.attr-key-label').textContent = `${role}Attribute ${n} name`;
      row.querySelector('.attr-value-label').textContent = `${role}Attribute ${n} value`;
      row.querySelector('button').textContent = `Remove ${role.toLowerCase()}attribute ${n}`;
      key.id = `${prefix}-attr-${n}-key`;
      value.id = `${prefix}-attr-${n}-value`;
      row.querySelector('.attr-key-label').htmlFor = key.id;
      row.querySelector('.attr-value-label').htmlFor = value.id;
    });
  const addRow = (key = '', value = '') => {
    const row = h(
      'li',
      { class: 'attribute-row' },
      h('div', { class: 'field' }, h('label', { class: 'attr-key-label' }), h('input', { type: 'text', value: key })),
      h('div', { class: 'field' }, h('label', { class: 'attr-value-label' }), h('input', { type: 'text', value })),
      h('button', {
        type: 'button',
        class: 'button secondary',
        onclick: () => {
          row.remove();
          renumber();
          onChange();
        },
      }),
    );
    rows.append(row);
    renumber();
    return row;
  };
  for (const [k, v] of Object.entries(initial?.attributes ?? {})) addRow(k, v);
  const element = h(
    'div',
    { class: 'selector-term' },
    part(`${prefix}-metric`, `${role}Metric`, metric),
    names,
    rows,
    h(
      'p',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          id: `${prefix}-add-attribute`,
          onclick: () => {
            addRow().querySelector('input').focus();
            onChange();
          },
        },
        `Add ${role.toLowerCase()}attribute`,
      ),
    ),
    part(`${prefix}-statistic`, `${role}Statistic`, statistic),
  );
  const read = () => {
    const attributes = {};
    for (const row of rows.children) {
      const [key, value] = row.querySelectorAll('input');
      if (key.value.trim()) attributes[key.value.trim()] = value.value;
    }
    return {
      metric: metric.value.trim(),
      ...(Object.keys(attributes).length ? { attributes } : {}),
      statistic: statistic.value,
    };
  };
  return { element, read, metric };
}

/**
 * The OpenTelemetry selector builder (docs/opentelemetry.md, "Selectors"): a metric with its
 * attributes and statistic, optionally over a denominator. The numerator's metric input carries
 * `name="selector"`, so a refusal naming `selector` is shown under it.
 */
export function selectorBuilder({ id, datasource, selector, onChange }) {
  const numerator = term(`${id}-num`, '', datasource, selector, onChange);
  numerator.metric.name = 'selector';
  const denominator = term(`${id}-den`, 'Denominator ', datasource, selector?.denominator, onChange);
  const ratio = h('input', { type: 'checkbox', id: `${id}-ratio`, checked: Boolean(selector?.denominator) });
  const denominatorBox = h('div', { class: 'selector-denominator' }, denominator.element);
  denominatorBox.hidden = !ratio.checked;
  ratio.addEventListener('change', () => {
    denominatorBox.hidden = !ratio.checked;
    onChange();
  });
  const element = h(
    'fieldset',
    { class: 'selector-builder', id },
    h('legend', null, 'OpenTelemetry selector'),
    numerator.element,
    h('p', { class: 'checkbox' }, ratio, h('label', { for: ratio.id }, 'Divide by a denominator (a ratio)')),
    denominatorBox,
  );
  element.addEventListener('input', onChange);
  element.addEventListener('change', onChange);
  const read = () => ({ ...numerator.read(), ...(ratio.checked ? { denominator: denominator.read() } : {}) });
  return { element, read, focus: () => numerator.metric.focus() };
}
