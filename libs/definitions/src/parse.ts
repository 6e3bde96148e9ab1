import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { definitionsSchema, type Definitions } from './schema';

/** A file that cannot be applied: every problem, each with its YAML path. */
export class DefinitionsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DefinitionsError';
  }
}

/** `postmortems[0].actions[1].metrics[0].target`, the way a reader finds it in the file. */
export function yamlPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // An unknown field names itself at the path of the object that holds it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys
      .map((key) => {
        const path = yamlPath(key === undefined ? issue.path : [...issue.path, key]);
        const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
        return `${path || '(file)'}: ${message}`;
      })
      .join('\n');
  });
}

/** Ids must be unique per kind in a file: posted twice they would be one resource. */
function duplicateIds(definitions: Definitions): string[] {
  const problems: string[] = [];
  const seen = { postmortem: new Map<string, string>(), action: new Map<string, string>() };
  const note = (kind: 'postmortem' | 'action', id: string, path: string): void => {
    const first = seen[kind].get(id);
    if (first) problems.push(`${path}.id: ${kind} id "${id}" is already used at ${first}`);
    else seen[kind].set(id, path);
  };
  const actions = (list: Definitions['actions'], base: string): void =>
    list?.forEach((action, i) => {
      const path = `${base}[${i}]`;
      note('action', action.id, path);
      const metricIds = new Map<string, string>();
      action.metrics?.forEach((metric, j) => {
        const metricPath = `${path}.metrics[${j}]`;
        const first = metricIds.get(metric.id);
        if (first) problems.push(`${metricPath}.id: metric id "${metric.id}" is already used at ${first}`);
        else metricIds.set(metric.id, metricPath);
      });
    });
  definitions.postmortems?.forEach((pm, i) => {
    note('postmortem', pm.id, `postmortems[${i}]`);
    actions(pm.actions, `postmortems[${i}].actions`);
  });
  actions(definitions.actions, 'actions');
  return problems;
}

/** Checks an already parsed document (JSON or YAML); throws DefinitionsError naming every problem. */
export function validateDefinitions(input: unknown): Definitions {
  const result = definitionsSchema.safeParse(input);
  if (!result.success) throw new DefinitionsError(problemsOf(result.error));
  const duplicates = duplicateIds(result.data);
  if (duplicates.length) throw new DefinitionsError(duplicates);
  return result.data;
}

/** Reads a definitions file's text; syntax errors carry their line and column. */
export function parseDefinitions(text: string): Definitions {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length) throw new DefinitionsError(document.errors.map((e) => e.message));
  return validateDefinitions(document.toJS());
}
