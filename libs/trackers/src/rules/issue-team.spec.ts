import { describe, expect, it } from '@jest/globals';
import { issueTeam, type TeamMapping } from './issue-team';

const mapping: TeamMapping = {
  defaultTeam: 'sre',
  teamByLabel: { payments: 'payments-team', 'team:search': 'search-team', Checkout: 'checkout-team' },
  teamByComponent: { Billing: 'billing-team', Search: 'search-components' },
};

describe('issueTeam', () => {
  it.each<[string, string[], string[], string]>([
    ['no label or component: the default', [], [], 'sre'],
    ['an unmapped label: the default', ['bug'], [], 'sre'],
    ['a mapped label', ['bug', 'payments'], [], 'payments-team'],
    ['labels compare without case', ['PAYMENTS'], [], 'payments-team'],
    ['labels compare without surrounding spaces', [' checkout '], [], 'checkout-team'],
    ['two mapped labels: the first in the configuration', ['checkout', 'payments'], [], 'payments-team'],
    ['two mapped labels in the other order: the same team', ['payments', 'checkout'], [], 'payments-team'],
    ['a mapped component', [], ['Billing'], 'billing-team'],
    ['components compare without case', [], ['billing'], 'billing-team'],
    ['a label wins over a component', ['team:search'], ['Billing'], 'search-team'],
    ['a component after an unmapped label', ['bug'], ['Search', 'Billing'], 'billing-team'],
  ])('%s', (_case, labels, components, team) => {
    expect(issueTeam({ labels, components }, mapping)).toBe(team);
  });

  it('uses the default with empty mappings', () => {
    expect(
      issueTeam(
        { labels: ['payments'], components: ['Billing'] },
        { ...mapping, teamByLabel: {}, teamByComponent: {} },
      ),
    ).toBe('sre');
  });
});
