import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * JSON never loads anything or runs in a frame. Pages with content of their own (the dashboard,
 * the HTML write-up, /docs) replace this with their own policy.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /docs, the least it renders under (a browser test checks it): its scripts are files
 * of this origin (the document is embedded in swagger-ui-init.js), so script-src stays 'self'. Its
 * page has inline <style> blocks and style attributes, written by its own markup too, hence
 * 'unsafe-inline' for styles alone; its icons are data: images; "Try it out" calls this origin.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * helmet's headers on every response (docs/operation.md, "Security headers"), with these choices:
 * - no Strict-Transport-Security: the service speaks plain HTTP; HSTS belongs to the TLS proxy
 *   in front of it, which knows whether the whole host is HTTPS-only;
 * - Cache-Control: no-store on everything under /api: the answers are authenticated data (and
 *   POST /api/v1/keys returns a key), which no shared or browser cache should keep;
 * - /docs gets a policy Swagger UI works under; the dashboard and the HTML write-up set their own
 *   after this runs, so theirs are the ones sent.
 */
export function applySecurityHeaders(app: NestExpressApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', isDocsPath(req.path) ? DOCS_CSP : API_CSP);
    if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
}

function isDocsPath(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/');
}
