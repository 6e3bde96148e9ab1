import { DAY, MIDNIGHT, MINUTE } from '../scenario-clock';
import { generateSamples, type ScenarioSeries } from './openmetrics.writer';

/**
 * `checkout_latency_ms{service}` every 5 minutes over the 30 days before today's midnight: 400
 * until the fix shipped at `shippedAt`, `after` from then on.
 */
export function checkoutLatency(service: string, shippedAt: number, after: number): ScenarioSeries {
  const grid = { from: MIDNIGHT - 30 * DAY, to: MIDNIGHT, stepMs: 5 * MINUTE };
  return {
    name: 'checkout_latency_ms',
    labels: { service },
    samples: generateSamples(grid, (t) => (t < shippedAt ? 400 : after)),
  };
}
