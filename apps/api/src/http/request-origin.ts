import type { Request } from 'express';

/** Where the browser sent the request (behind a trusted proxy, its forwarded scheme and host). */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
