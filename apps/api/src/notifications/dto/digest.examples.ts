import type { RequestExample } from '../../http/request-examples.decorator';

export const SEND_DIGEST_EXAMPLES: Record<string, RequestExample> = {
  now: { summary: "This week's digests", value: {} },
  week: { summary: 'The digests of the week of 23 November', value: { at: '2026-11-23T09:00:00Z' } },
};
