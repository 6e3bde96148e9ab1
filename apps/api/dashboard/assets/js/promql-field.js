import { h } from './dom.js';
import { metricNames } from './metric-names.js';

/** Bundled at build time (scripts/bundle-editor.mjs); loaded when a form first needs it. */
const EDITOR_MODULE = '/assets/vendor/promql-editor.js';

/**
 * The PromQL query field: a CodeMirror editor with PromQL highlighting, linting and metric-name
 * completion from `datasource`, named by its visible label. The editable element carries
 * `name="query"`, so a refusal naming `query` is shown under it (form-errors.js).
 */
export async function promqlField({ id, datasource, doc, onChange }) {
  const labelId = `${id}-label`;
  const host = h('div', { class: 'promql-editor' });
  const element = h(
    'div',
    { class: 'field form-field' },
    h('span', { class: 'field-label', id: labelId }, 'PromQL query'),
    host,
    h('p', { class: 'muted hint' }, 'One series or a scalar. Ctrl+Space completes metric names; Tab moves on.'),
  );
  const { promqlEditor } = await import(EDITOR_MODULE);
  const editor = promqlEditor({
    parent: host,
    doc: doc ?? '',
    labelledBy: labelId,
    onChange,
    metricNames: (prefix) => metricNames(datasource, prefix),
  });
  editor.content.id = id;
  editor.content.setAttribute('name', 'query');
  // A click on the visible label moves into the editor, as a <label for> would.
  element.querySelector(`#${labelId}`).addEventListener('click', () => editor.focus());
  return { element, editor };
}
