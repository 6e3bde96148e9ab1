/** The `route` label of requests no route handled: 404s, and bodies refused before routing. */
export const UNMATCHED_ROUTE = 'unmatched';

/** What Express leaves on a request once a route matched it. */
export interface RoutedRequest {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The route template of a request (`/api/v1/actions/:id`), never its URL, so the label's values
 * are bounded by the routes the service has, whatever callers send.
 */
export function routeLabel(req: RoutedRequest): string {
  const path = req.route?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  const full = `${req.baseUrl ?? ''}${path}`;
  return full === '' ? '/' : full;
}
