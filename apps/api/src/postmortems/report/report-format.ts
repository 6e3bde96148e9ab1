export const REPORT_FORMATS = ['markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * The HTML report shows user-written text from the API's own origin: even though all of it is
 * escaped, the page is also told to run no script and load nothing but images from this origin
 * (docs/reporting.md, "Post-mortem write-up").
 */
export const HTML_REPORT_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
};

export interface RenderedReport {
  format: ReportFormat;
  body: string;
}
