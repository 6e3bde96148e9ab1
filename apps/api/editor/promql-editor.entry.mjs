// The dashboard's PromQL editor, bundled by scripts/bundle-editor.mjs into one ES module
// (dist/apps/api/dashboard/assets/vendor/promql-editor.js). The dashboard imports it on demand;
// nothing here talks to the API itself: metric names come from the `metricNames` function the page
// passes, which calls the service with the page's key or session.
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';

/**
 * codemirror-promql's completion asks a Prometheus client; this one knows only metric names (the
 * service's metric-names route) and answers nothing, never an error, for the rest.
 */
function namesOnlyClient(metricNames) {
  return {
    labelNames: async () => [],
    labelValues: async () => [],
    metricMetadata: async () => ({}),
    series: async () => [],
    flags: async () => ({}),
    metricNames: async (prefix) => {
      try {
        return (await metricNames(prefix ?? '')) ?? [];
      } catch {
        return [];
      }
    },
  };
}

/**
 * A PromQL editor in `parent`. Its accessible name is the visible label `labelledBy` points to;
 * Tab is left to the browser (no indentWithTab), so keyboard users can move on.
 */
export function promqlEditor({ parent, doc = '', labelledBy, describedBy, onChange, metricNames, placeholder }) {
  const promql = new PromQLExtension().setComplete({ remote: namesOnlyClient(metricNames ?? (async () => [])) });
  const contentAttributes = { 'aria-labelledby': labelledBy, 'aria-multiline': 'true', spellcheck: 'false' };
  if (describedBy) contentAttributes['aria-describedby'] = describedBy;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        history(),
        closeBrackets(),
        bracketMatching(),
        autocompletion(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        promql.asExtension(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of(contentAttributes),
        placeholder ? placeholderText(placeholder) : [],
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    get value() {
      return view.state.doc.toString();
    },
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    /** The element that takes the text, for aria-invalid and aria-describedby. */
    content: view.contentDOM,
    destroy: () => view.destroy(),
  };
}
