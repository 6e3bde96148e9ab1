import type { Response } from 'express';
import { PUBLIC_PAGE_STYLE_HASH } from '../publications/public-page/public-page-style';

/**
 * Only the service's own files run: no inline script or style, no third-party origin, no framing.
 * Chart.js sizes its canvas through the CSSOM, which style-src does not restrict.
 * The one inline style allowed, by its hash, is the public post-mortem page's own stylesheet: its
 * preview is a srcdoc frame, which lives under this policy, and should look as the public sees it.
 * A srcdoc frame fetches nothing, so default-src (standing in for frame-src) does not apply to it:
 * no frame source is added for it.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${PUBLIC_PAGE_STYLE_HASH}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dashboard's own files are not fingerprinted, so browsers revalidate them on every load (ETag,
 * 304) and a new release shows at once; the pinned vendor library may be kept for a day.
 */
export function setDashboardHeaders(res: Response, cacheControl: string): void {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', cacheControl);
}

export const OWN_FILES_CACHE = 'no-cache';
export const VENDOR_CACHE = 'public, max-age=86400';
