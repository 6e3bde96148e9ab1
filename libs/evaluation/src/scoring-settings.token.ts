/** Injection token for the parsed ScoringSettings. */
export const SCORING_SETTINGS = Symbol('SCORING_SETTINGS');
/** Injection token for this process's lease owner id. */
export const SCORER_ID = Symbol('SCORER_ID');
