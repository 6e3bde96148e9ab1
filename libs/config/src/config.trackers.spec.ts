import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from './config.errors';
import { loadConfig } from './config.loader';
import { Secret } from './secret';
import { trackerListing } from './tracker-listing';

/** The trackers section: file and REMEDIATION_TRACKERS, secrets inline or from files, and never shown. */
const dir = mkdtempSync(join(tmpdir(), 'rt-config-trackers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'ghp_tokenThatMustNeverBePrinted';
const HOOK_SECRET = 'a-webhook-secret-never-printed';

const github = (extra: Record<string, unknown> = {}) => ({
  name: 'gh',
  type: 'github',
  token: TOKEN,
  webhookSecret: HOOK_SECRET,
  defaultTeam: 'sre',
  ...extra,
});
const jira = (extra: Record<string, unknown> = {}) => ({
  name: 'jira-cloud',
  type: 'jira',
  url: 'https://acme.atlassian.net',
  token: TOKEN,
  webhookSecret: HOOK_SECRET,
  defaultTeam: 'sre',
  ...extra,
});

const load = (trackers: unknown, cwd = dir) =>
  loadConfig({ REMEDIATION_TRACKERS: JSON.stringify(trackers) }, cwd).trackers;

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, got none');
}

function secretFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('trackers configuration', () => {
  it('has none by default', () => {
    expect(loadConfig({}, dir).trackers).toEqual([]);
  });

  it('fills the defaults of a github tracker: the public API, no mappings, a 15-minute poll', () => {
    const [tracker] = load([github()]);
    expect({ ...tracker, token: tracker.token.reveal(), webhookSecret: tracker.webhookSecret.reveal() }).toEqual({
      name: 'gh',
      type: 'github',
      url: 'https://api.github.com',
      token: TOKEN,
      webhookSecret: HOOK_SECRET,
      defaultTeam: 'sre',
      teamByLabel: {},
      teamByComponent: {},
      reopenTransition: null,
      email: null,
      pollEvery: '15m',
    });
  });

  it('takes every jira field, and drops a trailing slash of the URL', () => {
    const [tracker] = load([
      jira({
        url: 'https://acme.atlassian.net/',
        email: 'remediation@acme.example',
        reopenTransition: 'Reopen',
        teamByLabel: { payments: 'payments-team' },
        teamByComponent: { Checkout: 'checkout-team' },
        pollEvery: '1m',
      }),
    ]);
    expect(tracker).toMatchObject({
      url: 'https://acme.atlassian.net',
      email: 'remediation@acme.example',
      reopenTransition: 'Reopen',
      teamByLabel: { payments: 'payments-team' },
      teamByComponent: { Checkout: 'checkout-team' },
      pollEvery: '1m',
    });
  });

  it('takes a GitHub Enterprise URL for a github tracker', () => {
    expect(load([github({ url: 'https://ghe.acme.example/api/v3' })])[0].url).toBe('https://ghe.acme.example/api/v3');
  });

  it('trims the secrets given inline', () => {
    const [tracker] = load([github({ token: `  ${TOKEN}\n`, webhookSecret: ` ${HOOK_SECRET} ` })]);
    expect([tracker.token.reveal(), tracker.webhookSecret.reveal()]).toEqual([TOKEN, HOOK_SECRET]);
  });

  it('reads tokenFile and webhookSecretFile at load, trimmed, relative to the working directory or absolute', () => {
    secretFile('token.txt', `${TOKEN}-from-file\n`);
    const hookFile = secretFile('hook.txt', `\n${HOOK_SECRET}-from-file  \n`);
    const { token: _t, webhookSecret: _w, ...rest } = github();
    const [tracker] = load([{ ...rest, tokenFile: 'token.txt', webhookSecretFile: hookFile }]);
    expect(tracker.token.reveal()).toBe(`${TOKEN}-from-file`);
    expect(tracker.webhookSecret.reveal()).toBe(`${HOOK_SECRET}-from-file`);
    expect(tracker).not.toHaveProperty('tokenFile');
    expect(tracker).not.toHaveProperty('webhookSecretFile');
  });

  it('takes the list from a configuration file, and lets REMEDIATION_TRACKERS replace it whole', () => {
    const file = join(dir, 'trackers.yaml');
    writeFileSync(file, `trackers:\n  - ${JSON.stringify(github({ name: 'from-file' }))}\n`);
    expect(loadConfig({ REMEDIATION_CONFIG: file }, dir).trackers.map((t) => t.name)).toEqual(['from-file']);
    const env = { REMEDIATION_CONFIG: file, REMEDIATION_TRACKERS: JSON.stringify([jira({ name: 'from-env' })]) };
    expect(loadConfig(env, dir).trackers.map((t) => t.name)).toEqual(['from-env']);
    expect(loadConfig({ REMEDIATION_CONFIG: file, REMEDIATION_TRACKERS: '[]' }, dir).trackers).toEqual([]);
  });

  it('returns the trackers frozen', () => {
    const [tracker] = load([github({ teamByLabel: { a: 'b' } })]);
    expect(Object.isFrozen(tracker)).toBe(true);
    expect(Object.isFrozen(tracker.teamByLabel)).toBe(true);
  });
});

describe('trackers configuration errors name the field', () => {
  const { token: _t, ...withoutToken } = github();
  const { webhookSecret: _w, ...withoutHookSecret } = github();
  const { defaultTeam: _d, ...withoutTeam } = github();
  const { url: _u, ...jiraWithoutUrl } = jira();

  it.each<[string, unknown, string, RegExp]>([
    ['a missing token', [withoutToken], 'trackers.0.token', /required: token or tokenFile/],
    ['an empty token', [github({ token: '  ' })], 'trackers.0.token', /must not be empty/],
    [
      'a missing webhook secret, in the second entry',
      [github(), { ...withoutHookSecret, name: 'other' }],
      'trackers.1.webhookSecret',
      /required: webhookSecret or webhookSecretFile/,
    ],
    ['a short webhook secret', [github({ webhookSecret: 'short' })], 'trackers.0.webhookSecret', /at least 16/],
    ['a missing defaultTeam', [withoutTeam], 'trackers.0.defaultTeam', /required/],
    ['a blank defaultTeam', [github({ defaultTeam: ' ' })], 'trackers.0.defaultTeam', /a team name/],
    ['a too-long team', [github({ teamByLabel: { x: 't'.repeat(101) } })], 'trackers.0.teamByLabel.x', /at most 100/],
    ['teamByLabel as a list', [github({ teamByLabel: ['a'] })], 'trackers.0.teamByLabel', /mapping of label/],
    ['a missing name', [{ ...github(), name: undefined }], 'trackers.0.name', /required/],
    ['an uppercase name', [github({ name: 'GitHub' })], 'trackers.0.name', /lowercase/],
    ['a name with a dot', [github({ name: 'git.hub' })], 'trackers.0.name', /lowercase/],
    ['a name with a slash', [github({ name: 'a/b' })], 'trackers.0.name', /lowercase/],
    ['a duplicate name', [github(), jira({ name: 'gh' })], 'trackers.1.name', /duplicate tracker name "gh"/],
    ['an unknown type', [github({ type: 'gitlab' })], 'trackers.0.type', /"github" or "jira"/],
    ['a missing type', [{ ...github(), type: undefined }], 'trackers.0.type', /required/],
    ['a jira tracker without url', [jiraWithoutUrl], 'trackers.0.url', /required for a jira tracker/],
    ['a url that is not one', [github({ url: 'api.github.com' })], 'trackers.0.url', /an http\(s\) URL/],
    ['an ftp url', [jira({ url: 'ftp://jira.acme.example' })], 'trackers.0.url', /an http\(s\) URL/],
    ['a url with credentials', [jira({ url: 'https://u:p@jira.acme' })], 'trackers.0.url', /no credentials/],
    ['a url with a user only', [jira({ url: 'https://u@jira.acme' })], 'trackers.0.url', /no credentials/],
    ['a url with a query', [jira({ url: 'https://jira.acme/?a=1' })], 'trackers.0.url', /no query/],
    ['a url with a bare ?', [jira({ url: 'https://jira.acme/?' })], 'trackers.0.url', /no query/],
    ['a url with a fragment', [jira({ url: 'https://jira.acme/#x' })], 'trackers.0.url', /no query or fragment/],
    ['teamByComponent on github', [github({ teamByComponent: { a: 'b' } })], 'trackers.0.teamByComponent', /jira/],
    ['reopenTransition on github', [github({ reopenTransition: 'Reopen' })], 'trackers.0.reopenTransition', /jira/],
    ['email on github', [github({ email: 'a@b.example' })], 'trackers.0.email', /only for a jira tracker/],
    ['a bad pollEvery', [github({ pollEvery: '15 minutes' })], 'trackers.0.pollEvery', /a duration/],
    ['a pollEvery under a minute', [github({ pollEvery: '59s' })], 'trackers.0.pollEvery', /at least 1m/],
    ['a pollEvery of nothing', [github({ pollEvery: '0m' })], 'trackers.0.pollEvery', /at least 1m/],
    ['an email that is not one', [jira({ email: 'svc' })], 'trackers.0.email', /an email address/],
    ['an unknown field', [github({ tokn: 'x' })], 'trackers.0', /tokn/],
    ['a list that is not one', { gh: github() }, 'trackers', /array/],
  ])('%s', (_case, trackers, key, message) => {
    const error = configError(() => load(trackers));
    expect(error.key).toBe(key);
    expect(error.message).toMatch(message);
  });

  it('names REMEDIATION_TRACKERS when it is not JSON', () => {
    expect(configError(() => loadConfig({ REMEDIATION_TRACKERS: '[{' }, dir)).key).toBe('REMEDIATION_TRACKERS');
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['token and tokenFile', { tokenFile: 'token.txt' }, 'trackers.0.token', /token or tokenFile, not both/],
    [
      'webhookSecret and webhookSecretFile',
      { webhookSecretFile: 'hook.txt' },
      'trackers.0.webhookSecret',
      /webhookSecret or webhookSecretFile, not both/,
    ],
  ])('refuses %s together', (_case, extra, key, message) => {
    secretFile('token.txt', TOKEN);
    secretFile('hook.txt', HOOK_SECRET);
    const error = configError(() => load([github(extra)]));
    expect([error.key, error.message]).toEqual([key, expect.stringMatching(message)]);
  });

  it('names the secret file that cannot be read, or is empty', () => {
    const { token: _t2, ...rest } = github();
    const missing = configError(() => load([{ ...rest, tokenFile: 'no-such-file' }]));
    expect([missing.key, missing.message]).toEqual(['trackers.0.tokenFile', expect.stringContaining('ENOENT')]);
    secretFile('blank.txt', ' \n');
    const blank = configError(() => load([{ ...rest, tokenFile: 'blank.txt' }]));
    expect([blank.key, blank.message]).toEqual(['trackers.0.tokenFile', expect.stringContaining('is empty')]);
    const notPath = configError(() => load([{ ...rest, tokenFile: 42 }]));
    expect([notPath.key, notPath.message]).toEqual(['trackers.0.tokenFile', expect.stringContaining('a file path')]);
  });
});

describe('tracker secrets are never shown', () => {
  const config = () =>
    loadConfig({ REMEDIATION_TRACKERS: JSON.stringify([github(), jira({ email: 'svc@acme.example' })]) }, dir);

  it('reads [redacted] when the configuration is serialised, inspected, logged or interpolated', () => {
    const loaded = config();
    const [tracker] = loaded.trackers;
    for (const text of [
      JSON.stringify(loaded),
      inspect(loaded, { depth: null }),
      inspect(loaded, { depth: null, showHidden: true }),
      `${tracker.token}`,
      String(tracker.webhookSecret),
    ]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(HOOK_SECRET);
      expect(text).toContain('[redacted]');
    }
  });

  it('keeps the value for the one place that sends it', () => {
    expect(new Secret('s3cret').reveal()).toBe('s3cret');
  });

  it('leaves secrets out of a load error about another field of the same tracker', () => {
    const error = configError(() => load([github({ url: `https://x:${TOKEN}@ghe.acme`, pollEvery: 'soon' })]));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(HOOK_SECRET);
  });

  it('lists the trackers for API callers without token, webhook secret or account', () => {
    const listing = trackerListing(config().trackers);
    expect(listing).toEqual([
      {
        name: 'gh',
        type: 'github',
        url: 'https://api.github.com',
        defaultTeam: 'sre',
        teamByLabel: {},
        teamByComponent: {},
        reopenTransition: null,
        pollEvery: '15m',
      },
      {
        name: 'jira-cloud',
        type: 'jira',
        url: 'https://acme.atlassian.net',
        defaultTeam: 'sre',
        teamByLabel: {},
        teamByComponent: {},
        reopenTransition: null,
        pollEvery: '15m',
      },
    ]);
    const text = JSON.stringify(listing);
    for (const hidden of [TOKEN, HOOK_SECRET, 'svc@acme.example', 'redacted']) expect(text).not.toContain(hidden);
  });
});
