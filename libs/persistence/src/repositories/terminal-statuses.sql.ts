import { TERMINAL_STATUSES } from '@app/domain';

/**
 * The statuses that close an action (libs/domain `TERMINAL_STATUSES`) as an SQL list,
 * `('verified', 'wont_fix')`, for `status [NOT] IN ${TERMINAL_STATUSES_SQL}`: the one place the
 * queries learn which statuses are terminal. The values are the domain's constants, never input.
 */
export const TERMINAL_STATUSES_SQL = `(${TERMINAL_STATUSES.map((status) => `'${status.replace(/'/g, "''")}'`).join(', ')})`;
