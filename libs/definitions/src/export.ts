import { stringify } from 'yaml';
import { SUCCESS_METRIC_FIELDS } from '@app/domain';
import type { CurrentAction, CurrentMetric, CurrentPostmortem, CurrentState } from './current-state';
import { API_VERSION, KIND, type Definitions } from './schema';
import { withoutNulls } from './without-nulls';

/*
 * The service's state written as a definitions file, the same format apply reads, so applying an
 * export changes nothing. Only resources that carry a stable id are written: one made by hand has
 * none, and applying it under an invented id would create a copy.
 */

const POSTMORTEM_FIELDS = [
  'kind',
  'title',
  'severity',
  'occurredAt',
  'resolvedAt',
  'services',
  'summary',
  'timeline',
  'contributingFactors',
];
const ACTION_FIELDS = [
  'title',
  'description',
  'ownerTeam',
  'assignee',
  'priority',
  'services',
  'externalRef',
  'openedAt',
  'dueAt',
];

/** Nothing said is left out (null, an empty list or text): the file stays short and applies the same. */
function said(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

function pick(resource: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => said(resource[f])).map((f) => [f, withoutNulls(resource[f])]));
}

function metricOf(metric: CurrentMetric): Record<string, unknown> {
  return { id: metric.sourceId, ...pick(metric, SUCCESS_METRIC_FIELDS) };
}

function actionOf(action: CurrentAction): Record<string, unknown> {
  const metrics = action.metrics.filter((m) => m.sourceId !== null).map(metricOf);
  return { id: action.sourceId, ...pick(action, ACTION_FIELDS), ...(metrics.length ? { metrics } : {}) };
}

function postmortemOf(pm: CurrentPostmortem, actions: readonly CurrentAction[]): Record<string, unknown> {
  const own = actions.filter((a) => a.postmortemId === pm.id).map(actionOf);
  return { id: pm.sourceId, ...pick(pm, POSTMORTEM_FIELDS), ...(own.length ? { actions: own } : {}) };
}

/**
 * The definitions the state holds, in the order it lists them. An action of a post-mortem without a
 * stable id is written standalone (it keeps its link when applied: see docs/definitions.md);
 * `onlyPostmortem` keeps one post-mortem and its actions.
 */
export function exportDefinitions(state: CurrentState, onlyPostmortem?: string): Definitions {
  const postmortems = state.postmortems.filter(
    (pm) => pm.sourceId !== null && (!onlyPostmortem || pm.sourceId === onlyPostmortem),
  );
  const managed = state.actions.filter((a) => a.sourceId !== null);
  const placed = new Set(postmortems.map((pm) => pm.id));
  const exportedPms = new Set(state.postmortems.filter((pm) => pm.sourceId !== null).map((pm) => pm.id));
  const standalone = onlyPostmortem
    ? []
    : managed.filter((a) => a.postmortemId === null || !exportedPms.has(a.postmortemId));
  const definitions: Record<string, unknown> = { apiVersion: API_VERSION, kind: KIND };
  if (postmortems.length)
    definitions.postmortems = postmortems.map((pm) =>
      postmortemOf(
        pm,
        managed.filter((a) => placed.has(a.postmortemId ?? '')),
      ),
    );
  if (standalone.length) definitions.actions = standalone.map(actionOf);
  return definitions as Definitions;
}

export function definitionsToYaml(definitions: Definitions): string {
  return `# Remediation definitions (docs/definitions.md)\n${stringify(definitions, { lineWidth: 0 })}`;
}
