import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; the test command installs it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless and quiet: no sandbox (containers run as root), no GPU, and nothing phoning home, so the
// only network traffic is the page's own.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What went wrong inside a page: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
export interface PageProblems {
  readonly list: string[];
  /** Removes and returns the problems matching `pattern` (the ones a test provoked on purpose). */
  take(pattern: RegExp): string[];
}

/**
 * A real Chromium whose contexts share nothing (cookies, storage): one per person signed in, and
 * one for an anonymous reader, in a single browser process.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A real Chromium with a fresh profile folder, removed by `close()`. */
export class TestBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<TestBrowser> {
    const profileDir = mkdtempSync(join(tmpdir(), 'rt-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    return new TestBrowser(context, profileDir);
  }

  get browser(): Browser | null {
    return this.context.browser();
  }

  /** A page whose problems are collected from its first request on. */
  async newPage(): Promise<{ page: Page; problems: PageProblems }> {
    const page = await this.context.newPage();
    return { page, problems: watchProblems(page) };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/**
 * A post-mortem's page asks for its publication, and the API answers 404 when there is none (never
 * published, or withdrawn): the expected answer, not a fault.
 */
const NOT_PUBLISHED = /\/api\/v1\/postmortems\/[^/]+\/publication$/;

const expectedAnswer = (status: number, method: string, url: string): boolean =>
  status === 404 && method === 'GET' && NOT_PUBLISHED.test(new URL(url).pathname);

export function watchProblems(page: Page): PageProblems {
  const list: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every 4xx answer to a fetch as "Failed to load resource", at the request's URL.
    const { url } = message.location();
    if (/^Failed to load resource: .* 404 /.test(message.text()) && url && expectedAnswer(404, 'GET', url)) return;
    list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => list.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) =>
    list.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400 && !expectedAnswer(response.status(), response.request().method(), response.url()))
      list.push(`http ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return {
    list,
    take(pattern: RegExp): string[] {
      const taken = list.filter((p) => pattern.test(p));
      const kept = list.filter((p) => !pattern.test(p));
      list.splice(0, list.length, ...kept);
      return taken;
    },
  };
}
