/*
 * What the API returns, and the report reads, where nothing was recorded yet: shared by the unit
 * specs that build such records and the end-to-end tests that expect them, so both speak of the
 * same defaults.
 */

/** A review created without facts (a success or premortem review): no severity, times, services or text. */
export function reviewWithoutFacts() {
  return {
    severity: null,
    occurredAt: null,
    resolvedAt: null,
    services: [],
    summary: '',
    timeline: [],
    contributingFactors: [],
  };
}

/** An action not yet implemented: never closed or verified, with no flags and no metrics. */
export function actionNotYetDone() {
  return {
    implementedAt: null,
    closedAt: null,
    verification: null,
    verificationNote: null,
    flags: [],
    metrics: [],
  };
}

/** The counts of one team (null: all teams) in the summary report; every count not given is 0. */
export function teamCounts<Team extends string | null>(team: Team, counts: Partial<Record<TeamCount, number>> = {}) {
  return {
    team,
    total: 0,
    open: 0,
    inProgress: 0,
    implemented: 0,
    verified: 0,
    wontFix: 0,
    overdue: 0,
    stalled: 0,
    flagged: 0,
    ...counts,
  };
}

type TeamCount =
  'total' | 'open' | 'inProgress' | 'implemented' | 'verified' | 'wontFix' | 'overdue' | 'stalled' | 'flagged';
