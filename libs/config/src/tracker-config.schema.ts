import { z } from 'zod';
import { isDuration, parseDuration } from '@app/domain';
import { Secret } from './secret';

export const TRACKER_TYPES = ['github', 'jira'] as const;
export type TrackerKind = (typeof TRACKER_TYPES)[number];

/** github.com's REST API; GitHub Enterprise Server is `https://<host>/api/v3`. */
export const GITHUB_API_URL = 'https://api.github.com';

/** A name that sits in a URL path (`/api/v1/trackers/<name>/webhook`) as it is. */
const TRACKER_NAME = /^[a-z0-9][a-z0-9-_]{0,62}$/;
// Polling more often than this spends the tracker's rate limit for little: webhooks carry the news.
const MIN_POLL_MS = 60_000;
const MAX_TEAM_LENGTH = 100;

/** A missing field reads "required" (naming what else would do), a wrong type says what is expected. */
const needed = (expected: string, alternatives = '') => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `required${alternatives}` : expected),
});

const team = z
  .string(needed('a team name'))
  .trim()
  .min(1, 'a team name')
  .max(MAX_TEAM_LENGTH, `at most ${MAX_TEAM_LENGTH} characters`);

const teamMapping = (key: string) =>
  z.record(z.string().trim().min(1, `a ${key}`), team, { error: `a mapping of ${key} to team` }).optional();

/**
 * Why `text` is not a tracker base URL, or null. Credentials belong in `token`, and a query or a
 * fragment would be lost when the clients append their paths. The URL itself is never echoed: it
 * may hold exactly what must not be printed.
 */
function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'an http(s) URL';
  if (url.username || url.password) return 'no credentials in the URL: give them as token (and email)';
  if (text.includes('?') || text.includes('#')) return 'no query or fragment in the URL';
  return null;
}

/** Only a Jira tracker understands these. */
const JIRA_ONLY = ['teamByComponent', 'reopenTransition', 'email'] as const;

/**
 * One issue tracker, as docs/trackers.md describes it. `tokenFile` and `webhookSecretFile` are read
 * by the loader before this runs (see tracker-secret-files.ts), so here each secret is a value.
 */
export const trackerSchema = z
  .object({
    name: z.string(needed('a name')).regex(TRACKER_NAME, 'lowercase letters, digits, "-" or "_" (at most 63)'),
    type: z.enum(TRACKER_TYPES, needed('"github" or "jira"')),
    url: z.string(needed('an http(s) URL')).optional(),
    token: z.string(needed('a string', ': token or tokenFile')).trim().min(1, 'must not be empty'),
    webhookSecret: z
      .string(needed('a string', ': webhookSecret or webhookSecretFile'))
      .trim()
      .min(16, 'at least 16 characters'),
    defaultTeam: team,
    teamByLabel: teamMapping('label'),
    teamByComponent: teamMapping('component'),
    reopenTransition: z.string(needed('a transition name')).trim().min(1, 'a transition name').optional(),
    email: z
      .string(needed('an email address'))
      .trim()
      .regex(/^[^@\s]+@[^@\s]+$/, 'an email address')
      .optional(),
    pollEvery: z
      .string(needed('a duration'))
      .refine(isDuration, 'a duration such as 5m, 1h')
      .refine((d) => !isDuration(d) || parseDuration(d) >= MIN_POLL_MS, 'at least 1m')
      .default('15m'),
  })
  .strict()
  .superRefine((tracker, ctx) => {
    if (tracker.type === 'jira' && tracker.url === undefined)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'required for a jira tracker' });
    const problem = tracker.url === undefined ? null : urlProblem(tracker.url);
    if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
    if (tracker.type !== 'jira')
      for (const field of JIRA_ONLY)
        if (tracker[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'only for a jira tracker' });
  })
  .transform((tracker) => ({
    name: tracker.name,
    type: tracker.type,
    // Without a trailing slash, so the clients append their paths the same way whatever was typed.
    url: (tracker.url ?? GITHUB_API_URL).replace(/\/+$/, ''),
    token: new Secret(tracker.token),
    webhookSecret: new Secret(tracker.webhookSecret),
    defaultTeam: tracker.defaultTeam,
    teamByLabel: tracker.teamByLabel ?? {},
    teamByComponent: tracker.teamByComponent ?? {},
    reopenTransition: tracker.reopenTransition ?? null,
    email: tracker.email ?? null,
    pollEvery: tracker.pollEvery,
  }));

export const trackersSchema = z
  .array(trackerSchema)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((tracker, i) => {
      if (seen.has(tracker.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate tracker name "${tracker.name}"` });
      seen.add(tracker.name);
    });
  });

export type TrackerConfig = z.infer<typeof trackerSchema>;
