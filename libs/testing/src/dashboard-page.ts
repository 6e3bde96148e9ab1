import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

interface PageGlobals {
  document: { body: { dataset: Record<string, string | undefined> } };
  location: { hash: string };
}

/** Waits until the dashboard finished rendering its current hash route (`data-state`, `data-view` on <body>). */
export async function dashboardSettled(page: Page): Promise<void> {
  // Runs in the page (as a function: its CSP refuses strings to evaluate); this file is compiled
  // without the DOM's types, so the page's globals are typed here.
  await page.waitForFunction(
    () => {
      const { document, location } = globalThis as unknown as PageGlobals;
      return document.body.dataset.state === 'ready' && document.body.dataset.view === location.hash;
    },
    null,
    { timeout: 20_000 },
  );
}

/** The serious and critical violations axe-core's WCAG 2 A/AA rules find on the page, as `rule: targets`. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface SessionGlobals {
  sessionStorage: { clear(): void };
}

/**
 * Signs the dashboard in with an API key, as a person does at its key prompt, from a tab that
 * forgot any earlier key, and waits for `hash` to be drawn.
 */
export async function signInWithKey(page: Page, baseUrl: string, key: string, hash: string): Promise<void> {
  await page.goto(`${baseUrl}/#/`);
  await page.evaluate(() => (globalThis as unknown as SessionGlobals).sessionStorage.clear());
  await page.goto(`${baseUrl}/${hash}`);
  await page.waitForSelector('#key-form');
  await page.fill('#api-key', key);
  await page.click('#key-form button[type=submit]');
  await dashboardSettled(page);
}
