/** Service names as metric labels spell them: lowercase letters, digits, "-", "_" and ".". */
export const SERVICE_NAME = /^[a-z0-9-_.]+$/;
export const MAX_SERVICES = 50;
export const MAX_SERVICE_LENGTH = 100;
export const MAX_TITLE_LENGTH = 200;
export const MAX_TEAM_LENGTH = 100;
export const MAX_ASSIGNEE_LENGTH = 200;
export const MAX_URL_LENGTH = 2000;
/** Ticket links: http(s) only; internal hosts without a public TLD are fine. */
export const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
export const MAX_NOTE_LENGTH = 10_000;
/** Why an action is closed without a fix: a sentence or two, kept in its audit event. */
export const MAX_WONT_FIX_REASON_LENGTH = 1_000;
/** 100 KB of markdown, like a post-mortem summary. */
export const MAX_DESCRIPTION_LENGTH = 100_000;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
