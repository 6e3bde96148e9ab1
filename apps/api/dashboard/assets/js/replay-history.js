import { apiSend } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { clearErrors, showErrors } from './form-errors.js';
import { dateTime } from './format.js';

/** What one backfill request may replay (docs/scoring.md, "Backfill and scoring runs"). */
const MAX_CHECK_TIMES = 5_000;
const MAX_CHECKS = 10_000;
/** A replay is split into about this many requests, so the progress bar moves as it goes. */
const STEPS = 10;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `1h`, `15m`… in milliseconds (docs/api.md, "Date-times and durations"); NaN when it is none. */
export function durationMs(text) {
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(String(text).trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]] : Number.NaN;
}

/** The check times a backfill of [from, to] replays: every multiple of `every` from the epoch in it. */
export function checkTimes(fromMs, toMs, everyMs) {
  const first = Math.ceil(fromMs / everyMs) * everyMs;
  const last = Math.floor(toMs / everyMs) * everyMs;
  return last < first ? { first, count: 0 } : { first, count: (last - first) / everyMs + 1 };
}

/**
 * [from, to] cut into consecutive requests, oldest first, each within the API's limits for an
 * action with `metrics` success metrics: every chunk starts and ends on a check time, so no check
 * time is replayed twice or left out.
 */
export function replayChunks(fromMs, toMs, everyMs, metrics) {
  const { first, count } = checkTimes(fromMs, toMs, everyMs);
  const limit = Math.min(MAX_CHECK_TIMES, Math.floor(MAX_CHECKS / Math.max(metrics, 1)));
  const size = Math.max(1, Math.min(limit, Math.ceil(count / STEPS)));
  const chunks = [];
  for (let start = 0; start < count; start += size) {
    const times = Math.min(size, count - start);
    chunks.push({ from: first + start * everyMs, to: first + (start + times - 1) * everyMs, times });
  }
  return chunks;
}

const toInput = (ms) => new Date(ms).toISOString().slice(0, 16);
/** A datetime-local value read as UTC, as the page shows every time. */
const fromInput = (value) => (value ? Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`) : Number.NaN);

/** The smallest checkEvery of the action's metrics: a replay at it misses no metric's check. */
function smallestCheckEvery(metrics) {
  return metrics.map((m) => m.checkEvery).sort((a, b) => durationMs(a) - durationMs(b))[0] ?? '1h';
}

/** The last replay of each action in this tab, so the page drawn after it still says how it went. */
const lastReplay = new Map();

function field(name, text, input, hint) {
  return h(
    'div',
    { class: 'field form-field' },
    h('label', { for: `replay-${name}` }, text),
    hint ? h('p', { class: 'hint muted', id: `replay-${name}-hint` }, hint) : null,
    input,
  );
}

function progressBlock(done, total, text) {
  return [
    h('label', { for: 'replay-progress', id: 'replay-progress-label' }, 'Replay progress'),
    h('progress', { id: 'replay-progress', max: Math.max(total, 1), value: done }),
    h('p', { id: 'replay-status', role: 'status' }, text),
  ];
}

function summaryText(state) {
  const { done, total, scored, skipped, errors, failed, stopped, firstError } = state;
  const head = `${done} of ${total} checks replayed`;
  const counts = ` (${scored} scored, ${skipped} already scored, ${errors} errors, ${failed} failed)`;
  const end = stopped ? '. Stopped on request.' : done === total ? '.' : '…';
  const failure = firstError
    ? ` First failure at ${dateTime(firstError.at, 'UTC')}: ${firstError.error}. Replay again once the datasource answers.`
    : '';
  return `${head}${counts}${end}${failure}`;
}

/**
 * Replays an action's checks over history (`POST /api/v1/actions/:id/backfill`) in consecutive
 * requests, oldest first, with a progress bar; a refused request shows the API's message under
 * the field it names and stops; Cancel stops after the request under way. When it ends, the
 * page is drawn again (`onDone`) so the chart and tables show the replayed checks.
 */
export function replayControl(action, onDone) {
  const panel = h('div', { id: 'replay-panel' });
  const last = lastReplay.get(action.id);
  if (last) replaceChildren(panel, progressBlock(last.done, last.total, summaryText(last)));
  const open = () => {
    const every = smallestCheckEvery(action.metrics);
    const estimate = h('p', { id: 'replay-estimate', class: 'muted' });
    const cancel = h('button', { type: 'button', class: 'button secondary', id: 'replay-cancel' }, 'Cancel');
    const submit = h('button', { type: 'submit', class: 'button', id: 'replay-start' }, 'Replay');
    const progress = h('div', { class: 'replay-progress' });
    const form = h(
      'form',
      { id: 'replay-form', class: 'action-form', 'aria-label': 'Replay history', novalidate: true },
      field(
        'from',
        'From (UTC)',
        h('input', {
          id: 'replay-from',
          name: 'from',
          type: 'datetime-local',
          value: toInput(Date.parse(action.openedAt)),
          'aria-describedby': 'replay-from-hint',
        }),
        'Defaults to when the action was opened: earlier checks would judge the incident, not the fix. ' +
          'The baseline is measured from its own window whatever the range.',
      ),
      field(
        'to',
        'To (UTC)',
        h('input', { id: 'replay-to', name: 'to', type: 'datetime-local', value: toInput(Date.now()) }),
      ),
      field(
        'every',
        'Every',
        h('input', {
          id: 'replay-every',
          name: 'every',
          type: 'text',
          value: every,
          'aria-describedby': 'replay-every-hint',
        }),
        'A duration such as 1h or 30m; defaults to the most frequent check of the action’s metrics.',
      ),
      estimate,
      h('div', { class: 'form-buttons' }, submit, cancel),
      progress,
    );
    const plan = () => {
      const from = fromInput(form.elements.from.value);
      const to = fromInput(form.elements.to.value);
      const everyMs = durationMs(form.elements.every.value);
      if ([from, to, everyMs].some(Number.isNaN) || everyMs <= 0) return null;
      return { from, to, everyMs, chunks: replayChunks(from, to, everyMs, action.metrics.length) };
    };
    const describe = () => {
      const p = plan();
      const times = p ? p.chunks.reduce((n, c) => n + c.times, 0) : 0;
      estimate.textContent = p
        ? `${times} check times × ${action.metrics.length} metrics = ${times * action.metrics.length} checks, in ${p.chunks.length} requests.`
        : '';
    };
    form.addEventListener('input', describe);
    describe();
    let running = false;
    let stopRequested = false;
    cancel.addEventListener('click', () => {
      if (!running) return replaceChildren(panel);
      stopRequested = true;
      cancel.disabled = true;
      cancel.textContent = 'Stopping after this request…';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (running) return;
      clearErrors(form);
      const p = plan();
      // Whatever the browser cannot read goes to the API as typed, which names what is wrong.
      const chunks = p?.chunks.length
        ? p.chunks.map((c) => ({ ...c, from: new Date(c.from).toISOString(), to: new Date(c.to).toISOString() }))
        : [{ from: rawInstant(form.elements.from.value), to: rawInstant(form.elements.to.value), times: 0 }];
      const metrics = action.metrics.length;
      const state = { done: 0, total: chunks.reduce((n, c) => n + c.times, 0) * metrics };
      Object.assign(state, { scored: 0, skipped: 0, errors: 0, failed: 0, stopped: false, firstError: null });
      const every = form.elements.every.value.trim();
      running = true;
      submit.disabled = true;
      replaceChildren(progress, progressBlock(0, state.total, summaryText(state)));
      try {
        for (const chunk of chunks) {
          const answer = await apiSend('POST', `/api/v1/actions/${action.id}/backfill`, {
            from: chunk.from,
            to: chunk.to,
            every,
          });
          state.done += answer.slots * metrics;
          for (const key of ['scored', 'skipped', 'errors', 'failed']) state[key] += answer[key];
          state.firstError ??= answer.firstError ?? null;
          replaceChildren(progress, progressBlock(state.done, state.total, summaryText(state)));
          if (stopRequested) {
            state.stopped = true;
            break;
          }
        }
      } catch (err) {
        running = false;
        submit.disabled = false;
        showErrors(form, err);
        // The form stays, with the refusal under its field; what was replayed before it is kept.
        const status = progress.querySelector('#replay-status');
        if (status) status.textContent = `Stopped: the API refused a request. ${summaryText(state)}`;
        return;
      }
      lastReplay.set(action.id, state);
      await onDone();
    });
    replaceChildren(panel, form);
    form.elements.from.focus();
  };
  return h(
    'section',
    { class: 'card replay', id: 'replay', 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title' }, 'Replay history'),
    h(
      'p',
      { class: 'muted' },
      'Scores the success metrics at past check times, as the scorer would have then, so the trend shows at once. ' +
        'A check time already scored is skipped.',
    ),
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'button', class: 'button secondary', id: 'replay-open', onclick: open }, 'Replay history'),
    ),
    panel,
  );
}

/** A datetime-local value as an instant for the API, or the text as typed for it to refuse. */
function rawInstant(value) {
  const ms = fromInput(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
