import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ServiceProcess, TestBrowser } from '@app/testing';
import { PUBLIC_PAGE_STYLE_HASH } from '../apps/api/src/publications/public-page/public-page-style';

// What the page functions below see in the browser (this project compiles without the DOM lib).
declare const document: any;

const csp = (headers: Headers): string => headers.get('content-security-policy') ?? '';

/** Security headers (docs/operation.md, "Security headers"). */
describe('security headers', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await ServiceProcess.start({ database: 'embedded' });
  });
  afterAll(async () => service?.destroy());

  it('marks every /api answer nosniff and not to be stored, success and error alike', async () => {
    for (const res of [
      await service.http.get('/api/v1/datasources'),
      await service.http.get('/api/v1/postmortems', { key: null }),
      await service.http.get('/api/v1/no-such-route'),
    ]) {
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(csp(res.headers)).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('never lets a cache keep an issued key', async () => {
    const issued = await service.http.post('/api/v1/keys', { name: 'cache check', role: 'viewer' });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^rt_/);
    expect(issued.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no HSTS: the service speaks plain HTTP, the TLS proxy in front decides', async () => {
    const res = await service.http.get('/api/v1/datasources');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it("keeps the dashboard's own CSP and caching", async () => {
    const home = await fetch(`${service.baseUrl}/`);
    expect(csp(home.headers)).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' ${PUBLIC_PAGE_STYLE_HASH}; img-src 'self' data:; connect-src 'self'; ` +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const vendor = await fetch(`${service.baseUrl}/assets/vendor/chart.umd.min.js`);
    expect(vendor.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it("keeps the HTML write-up's own CSP", async () => {
    const created = await service.http.post('/api/v1/postmortems', {
      kind: 'incident',
      title: 'Headers check',
      severity: 'SEV3',
      occurredAt: '2026-01-05T10:00:00Z',
      services: ['checkout'],
    });
    expect(created.status).toBe(201);
    const report = await service.http.get(`/api/v1/postmortems/${created.body.id}/report?format=html`);
    expect(report.status).toBe(200);
    expect(csp(report.headers)).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'",
    );
    expect(report.headers.get('cache-control')).toBe('no-store');
  });

  it('gives /docs a CSP that forbids framing and inline script, under which Swagger UI renders', async () => {
    const docs = await fetch(`${service.baseUrl}/docs`);
    const policy = csp(docs.headers);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self'(;|$)/);

    const browser = await TestBrowser.launch();
    try {
      const { page, problems } = await browser.newPage();
      await page.goto(`${service.baseUrl}/docs`);
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
      expect(await page.textContent('.swagger-ui .info .title')).toContain('Remediation tracker');
      const operations = await page.evaluate(() => document.querySelectorAll('.opblock').length);
      expect(operations).toBeGreaterThan(10);
      // Open one operation, as a reader would; its parameters render from the embedded document.
      await page.click('.opblock-summary');
      await page.waitForSelector('.opblock-body', { timeout: 10_000 });
      // CSP violations are console errors ("Refused to ..."); nothing else may fail either.
      expect(problems.list).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
