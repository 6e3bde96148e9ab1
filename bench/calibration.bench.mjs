// Calibration: how often the scorer verifies a fix that changed nothing, and how often it verifies one that
// worked, on the release figures of docs/scoring.md ("Significance"): independent AR(1) series at 5-minute
// resolution with a 3-hour correlation time, a 14-day baseline, default windows (evaluation 7d, sustain 7d),
// confidence 0.95, a goal 1% below the baseline, checks every 6 h for the 20 days after the fix. Each series is
// fetched the way the scorer fetches it (a range query at `effectiveStepMs`), scored by `scoreCheck`, its streak
// kept by `nextMetSince`, and the action verified by `shouldVerify`. For contrast, the same checks with the old
// rule: a one-sided Mann-Whitney test on every raw sample. Prints shares; asserts nothing; not part of the tests.
//
// Run: npm run bench:calibration [-- --seeds N] [-- --sd S]   (builds dist first; N defaults to 200, S to 10)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const scoring = require('../dist/libs/scoring/src/index.js');
const { ar1Samples } = require('../dist/libs/scoring/src/testing/ar1.js');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SEEDS = numberArgument(process.argv.slice(2), '--seeds', 200);
const MEAN = 100;
/** The noise's sd against a mean of 100: the larger, the less the 1% goal guards and the more the test must. */
const SD = numberArgument(process.argv.slice(2), '--sd', 10);
const GENERATED_STEP = 5 * MINUTE;
const CORRELATION = 3 * HOUR;
const CONFIDENCE = 0.95;
/** The incident: the baseline is the 14 days before it. The fix ships a week later. */
const INCIDENT = Date.UTC(2026, 0, 5);
const FIX = INCIDENT + 7 * DAY;
const CHECK_EVERY = 6 * HOUR;
const CHECKS = (20 * DAY) / CHECK_EVERY;

const SPEC = {
  direction: 'decrease',
  target: { relativePercent: 1 },
  aggregation: 'avg',
  baselineWindowMs: 14 * DAY,
  baselineEnd: INCIDENT,
  evaluationWindowMs: 7 * DAY,
  checkEveryMs: CHECK_EVERY,
  stepMs: null,
  confidence: CONFIDENCE,
  seasonality: 'none',
  timeZone: 'UTC',
};
const DEFINITION = { sustainFor: '7d', verifyWithin: '30d' };
const THRESHOLDS = {
  improvingThreshold: 0.05,
  stallAfterMs: 14 * DAY,
  minProgressGain: 0.1,
  regressionChecks: 2,
  watchForMs: 30 * DAY,
};
/** 1 − 0.95 is 0.050000000000000044 in binary; the scorer's own margin, for the old rule too. */
const SIGNIFICANCE_MARGIN = 1e-12;

const SCENARIOS = [
  { name: 'no change', shift: () => 0 },
  { name: 'one sd better at the fix', shift: (at) => (at >= FIX ? -SD : 0) },
];
const RULES = [
  { name: 'block means (scoreCheck)', judge: blockRule },
  { name: 'raw samples (old rule)', judge: rawRule },
];

function numberArgument(args, name, fallback) {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const n = Number(args[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, got ${args[at + 1]}`);
  return n;
}

/** A range query over [start, end]: points start, start + step, … ≤ end, each the latest sample at or before it. */
function fetchRange(series, start, end) {
  const step = scoring.effectiveStepMs(SPEC, end - start);
  const first = series[0].at;
  const points = [];
  for (let t = start; t <= end; t += step) {
    const index = Math.floor((t - first) / GENERATED_STEP);
    if (index >= 0 && index < series.length) points.push({ at: t, value: series[index].value });
  }
  return points;
}

/** The current rule: scoreCheck with the baseline and model frozen at the first check. */
function blockRule(state, at, windowSamples) {
  const result = scoring.scoreCheck({
    at,
    metric: SPEC,
    implementedAt: FIX,
    frozenBaseline: state.baseline,
    frozenModel: state.model,
    baselineSamples: state.model === null ? state.baselineSamples : null,
    preFixSamples: null,
    windowSamples,
    fetchError: null,
    previousMetSince: state.metSince,
    thresholds: THRESHOLDS,
  });
  state.baseline ??= result.measuredBaseline;
  state.model ??= result.measuredModel;
  if (state.model !== null) state.blockMs = state.model.blockMs;
  return { verdict: result.verdict, pValue: result.pValue, metSince: result.metSince };
}

/** The rule before block means: the window's raw samples against the baseline's, as if independent. */
function rawRule(state, at, windowSamples) {
  const window = scoring.checkWindow(at, SPEC, FIX);
  state.baseline ??= scoring.aggregate(values(state.baselineSamples), SPEC.aggregation);
  let verdict = 'pending';
  let pValue = null;
  if (!window.pending) {
    const windowValues = values(windowSamples);
    const value = scoring.aggregate(windowValues, SPEC.aggregation);
    const goal = scoring.resolveGoal(SPEC.direction, SPEC.target, state.baseline);
    const progress = scoring.progress(SPEC.direction, state.baseline, goal, value);
    pValue = scoring.mannWhitneyPValue(SPEC.direction, windowValues, values(state.baselineSamples));
    const significant = pValue !== null && pValue < 1 - CONFIDENCE - SIGNIFICANCE_MARGIN;
    if (scoring.isMet(SPEC.direction, value, goal) && significant) verdict = 'met';
    else verdict = progress > 0 && progress >= THRESHOLDS.improvingThreshold ? 'improving' : 'not_met';
  }
  return { verdict, pValue, metSince: scoring.nextMetSince(verdict, at, state.metSince) };
}

function values(samples) {
  return samples.filter((s) => Number.isFinite(s.value)).map((s) => s.value);
}

/** One series through 80 checks: when (if ever) it ends verified, and how many checks came out significant. */
function runSeries(series, judge) {
  const state = {
    baseline: null,
    model: null,
    blockMs: null,
    metSince: null,
    baselineSamples: fetchRange(series, INCIDENT - SPEC.baselineWindowMs, INCIDENT),
  };
  let judged = 0;
  let significant = 0;
  for (let k = 1; k <= CHECKS; k++) {
    const at = FIX + k * CHECK_EVERY;
    const window = scoring.checkWindow(at, SPEC, FIX);
    const outcome = judge(state, at, window.pending ? null : fetchRange(series, window.start, window.end));
    state.metSince = outcome.metSince;
    if (outcome.verdict !== 'pending') {
      judged++;
      if (outcome.pValue !== null && outcome.pValue < 1 - CONFIDENCE - SIGNIFICANCE_MARGIN) significant++;
    }
    const verified = scoring.shouldVerify({
      at,
      action: {
        status: 'implemented',
        dueAt: null,
        statusChangedAt: FIX,
        implementedAt: FIX,
        verifiedAt: null,
        activeFlags: [],
      },
      metrics: [{ definition: DEFINITION, track: track(state.metSince), preFix: null }],
      thresholds: THRESHOLDS,
    });
    if (verified) return { verifiedAfter: at - FIX, judged, significant, blockMs: state.blockMs };
  }
  return { verifiedAfter: null, judged, significant, blockMs: state.blockMs };
}

function track(metSince) {
  return {
    metricId: 'm',
    name: 'calibration',
    metSince,
    recentVerdicts: [],
    recentSuccessful: [],
    bestProgressRecent: null,
    bestProgressBefore: null,
    latestProgress: null,
  };
}

/** Wilson score interval for a share (95 %), so a share from a few hundred series reads with its uncertainty. */
function wilson(k, n) {
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const percent = (x) => `${(100 * x).toFixed(1)} %`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const started = Date.now();
console.log(
  `calibration: ${SEEDS} seeds; AR(1) mean ${MEAN}, sd ${SD}, correlation time ${CORRELATION / HOUR} h, ` +
    `every ${GENERATED_STEP / MINUTE} min; confidence ${CONFIDENCE}; goal 1% below the baseline; ` +
    `${CHECKS} checks every ${CHECK_EVERY / HOUR} h after the fix`,
);
const rows = [];
for (const scenario of SCENARIOS) {
  for (const rule of RULES) {
    const runs = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const series = ar1Samples({
        seed,
        start: INCIDENT - SPEC.baselineWindowMs,
        end: FIX + CHECKS * CHECK_EVERY + GENERATED_STEP,
        stepMs: GENERATED_STEP,
        correlationTimeMs: CORRELATION,
        mean: MEAN,
        sd: SD,
        shift: scenario.shift,
      });
      runs.push(runSeries(series, rule.judge));
    }
    const verified = runs.filter((r) => r.verifiedAfter !== null);
    const judged = runs.reduce((sum, r) => sum + r.judged, 0);
    const significant = runs.reduce((sum, r) => sum + r.significant, 0);
    const [low, high] = wilson(verified.length, runs.length);
    const days = median(verified.map((r) => r.verifiedAfter / DAY));
    const blocks = median(runs.filter((r) => r.blockMs !== null).map((r) => r.blockMs / HOUR));
    rows.push({
      scenario: scenario.name,
      rule: rule.name,
      verified: `${verified.length}/${runs.length} = ${percent(verified.length / runs.length)}`,
      '95% interval': `${percent(low)}–${percent(high)}`,
      'checks significant': percent(significant / judged),
      'median days to verify': days === null ? '—' : days.toFixed(2),
      'median block (h)': blocks === null ? '—' : blocks.toFixed(2),
    });
  }
}
console.table(rows);
console.log('targets: no change ≤ 5 % verified; one sd better ≥ 90 % verified (block means).');
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
