import { apiGet } from './api-client.js';

/**
 * Metric names a datasource knows that start with `prefix`, for completion (the PromQL editor, the
 * selector's datalist). A datasource that fails, or a service without the route, completes nothing.
 */
export async function metricNames(datasource, prefix = '') {
  try {
    const answer = await apiGet(`/api/v1/datasources/${encodeURIComponent(datasource)}/metric-names`, { prefix });
    return Array.isArray(answer?.names) ? answer.names : [];
  } catch {
    return [];
  }
}
