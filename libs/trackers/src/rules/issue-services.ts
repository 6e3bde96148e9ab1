const SERVICE_LABEL = /^service\s*:\s*(.+)$/i;
// As an action's services are spelled (metric labels): see the action's fields in docs/api.md.
const SERVICE_NAME = /^[a-z0-9-_.]{1,100}$/;
const MAX_SERVICES = 50;

/**
 * The services an issue names with `service:<name>` labels, lowercased, in label order, each once.
 * A label whose name an action could not hold (a space, a slash) is left out rather than refusing
 * the whole import: the issue is still worth tracking.
 */
export function issueServices(labels: readonly string[]): string[] {
  const names = labels
    .map((label) => SERVICE_LABEL.exec(label.trim())?.[1].trim().toLowerCase())
    .filter((name): name is string => name !== undefined && SERVICE_NAME.test(name));
  return [...new Set(names)].slice(0, MAX_SERVICES);
}
