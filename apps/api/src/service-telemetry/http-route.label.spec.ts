import { describe, expect, it } from '@jest/globals';
import { routeLabel, UNMATCHED_ROUTE } from './http-route.label';

describe('routeLabel', () => {
  it.each([
    [{ route: { path: '/api/v1/actions/:id' } }, '/api/v1/actions/:id'],
    [{ baseUrl: '/api', route: { path: '/v1/flags' } }, '/api/v1/flags'],
    [{ baseUrl: '', route: { path: '' } }, '/'],
    [{ route: { path: /regex/ } }, UNMATCHED_ROUTE],
    [{}, UNMATCHED_ROUTE],
  ])('%j → %s', (req, label) => {
    expect(routeLabel(req)).toBe(label);
  });
});
