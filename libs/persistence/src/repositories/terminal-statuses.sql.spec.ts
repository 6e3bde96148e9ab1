import { describe, expect, it } from '@jest/globals';
import { TERMINAL_STATUSES } from '@app/domain';
import { TERMINAL_STATUSES_SQL } from './terminal-statuses.sql';

describe('TERMINAL_STATUSES_SQL', () => {
  it("lists the domain's terminal statuses as the partial index actions_due_open_idx spells them", () => {
    expect(TERMINAL_STATUSES).toEqual(['verified', 'wont_fix']);
    expect(TERMINAL_STATUSES_SQL).toBe("('verified', 'wont_fix')");
  });
});
