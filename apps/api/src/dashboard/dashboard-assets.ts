import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { OWN_FILES_CACHE, setDashboardHeaders, VENDOR_CACHE } from './dashboard-headers';

/** The static dashboard, copied beside the compiled API by nest-cli.json's assets. */
export const DASHBOARD_DIR = join(__dirname, '..', '..', 'dashboard');

/** The charting library is served from the installed package, so its version is package.json's. */
export const VENDOR_FILES: Record<string, string> = {
  '/assets/vendor/chart.umd.min.js': join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
};

/**
 * Serves the dashboard at `/` ahead of the API routes. These files are plain Express statics: no
 * API key (the page asks for one and sends it on every /api call), no rate limit, and not part of
 * the OpenAPI document. Client-side routes are hash routes (`#/actions/<id>`), so `/` is the only
 * page.
 */
export function mountDashboard(app: NestExpressApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const file = VENDOR_FILES[req.path];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    setDashboardHeaders(res, VENDOR_CACHE);
    res.sendFile(file, (err) => err && next(err));
  });
  app.useStaticAssets(DASHBOARD_DIR, {
    index: 'index.html',
    redirect: false,
    setHeaders: (res: Response) => setDashboardHeaders(res, OWN_FILES_CACHE),
  });
}
