/**
 * What `npm run demo` creates: three post-mortems and their corrective actions, five of which carry a
 * success metric whose telemetry tells one story each (see README, "Try it"). Times are days before
 * the moment the demo starts, so every run shows the same history ending now.
 *
 * `shape(daysAgo)` gives the level the simulated service runs at that day; the telemetry module adds
 * seeded noise around it. A scenario without `shape` sends nothing: its telemetry never arrives.
 */

/** The OTel metric names the simulated services send (and one they never send). */
export const METRICS = {
  checkoutLatency: 'http.server.request.duration',
  searchRequests: 'http.server.requests',
  queueDepth: 'messaging.queue.depth',
  deliveryLag: 'notifications.delivery.lag',
};

export const POSTMORTEMS = {
  incident: {
    kind: 'incident',
    title: 'Checkout and sign-in slowed to a crawl during the autumn sale',
    severity: 'SEV2',
    occurredDaysAgo: 20,
    resolvedAfterHours: 3,
    services: ['checkout', 'identity', 'search'],
    summary:
      'A slow query plan on the orders database and an undersized session cache made checkout and sign-in ' +
      'time out for three hours; search errors rose as retries piled up.',
  },
  success: {
    kind: 'success',
    title: 'Black Friday traffic peak handled without a page',
    occurredDaysAgo: 19,
    services: ['payments-queue'],
    summary: 'Traffic tripled and nothing paged. The review lists what we should still make automatic.',
  },
  premortem: {
    kind: 'premortem',
    title: 'What could sink the EU region launch',
    occurredDaysAgo: 9,
    services: ['notifications'],
    summary: 'Imagining the launch failed: which alerts and rehearsals would have saved it?',
  },
};

/** Selectors on the built-in `otlp` datasource, one per scenario with telemetry. */
const latencyOf = (service) => ({
  metric: METRICS.checkoutLatency,
  attributes: { 'service.name': service },
  statistic: 'p95',
});

/**
 * The five scenarios. `name` is how the demo, its test and people refer to one; the expected outcome
 * is written in prose here and checked independently by test/demo.e2e-spec.ts.
 */
export const SCENARIOS = [
  {
    name: 'worked',
    story: 'the fix worked: p95 latency fell by half and stayed there',
    postmortem: 'incident',
    action: {
      title: 'Add the missing index on orders(customer_id, created_at)',
      ownerTeam: 'payments',
      assignee: 'Priya',
      priority: 'P1',
      services: ['checkout'],
    },
    openedDaysAgo: 19,
    implementedDaysAgo: 17,
    dueInDays: 10,
    metric: {
      name: 'checkout p95 latency',
      selector: latencyOf('checkout'),
      direction: 'decrease',
      target: { relativePercent: 30 },
    },
    service: 'checkout',
    shape: (daysAgo) => (daysAgo > 17 ? 0.8 : 0.42),
  },
  {
    name: 'did-nothing',
    story: 'the fix shipped but the error ratio did not move',
    postmortem: 'incident',
    action: {
      title: 'Retry search backend calls with jittered backoff',
      ownerTeam: 'search',
      assignee: 'Tomás',
      priority: 'P2',
      services: ['search'],
    },
    openedDaysAgo: 19,
    implementedDaysAgo: 12,
    dueInDays: 20,
    metric: {
      name: 'search error ratio',
      selector: {
        metric: METRICS.searchRequests,
        attributes: { 'service.name': 'search', 'http.response.status_code': '500' },
        statistic: 'rate',
        denominator: { metric: METRICS.searchRequests, attributes: { 'service.name': 'search' }, statistic: 'rate' },
      },
      direction: 'decrease',
      target: { relativePercent: 50 },
      verifyWithin: '10d',
    },
    service: 'search',
    shape: () => 0.02,
  },
  {
    name: 'stalled',
    story: 'in progress for weeks; the queue depth has not moved',
    postmortem: 'success',
    action: {
      title: 'Autoscale the payments queue consumers',
      ownerTeam: 'platform',
      assignee: 'Sam',
      priority: 'P1',
      services: ['payments-queue'],
    },
    openedDaysAgo: 18,
    status: 'in_progress',
    dueInDays: -4,
    metric: {
      name: 'payments queue depth',
      selector: { metric: METRICS.queueDepth, attributes: { 'service.name': 'payments-queue' }, statistic: 'value' },
      direction: 'decrease',
      target: { relativePercent: 40 },
    },
    service: 'payments-queue',
    shape: () => 120,
  },
  {
    name: 'regressed',
    story: 'verified, then sign-in latency crept back up',
    postmortem: 'incident',
    action: {
      title: 'Size the session cache for peak sign-ins',
      ownerTeam: 'identity',
      assignee: 'Ana',
      priority: 'P1',
      services: ['identity'],
    },
    openedDaysAgo: 19,
    implementedDaysAgo: 19,
    dueInDays: 5,
    metric: {
      name: 'sign-in p95 latency',
      selector: latencyOf('identity'),
      direction: 'decrease',
      target: { relativePercent: 30 },
    },
    service: 'identity',
    shape: (daysAgo) => (daysAgo > 19 ? 1.2 : daysAgo > 6 ? 0.6 : 1.25),
  },
  {
    name: 'no-telemetry',
    story: 'the alert shipped, but the metric that would judge it was never sent',
    postmortem: 'premortem',
    action: {
      title: 'Alert when notification delivery lags behind',
      ownerTeam: 'platform',
      assignee: 'Lee',
      priority: 'P2',
      services: ['notifications'],
    },
    openedDaysAgo: 8,
    implementedDaysAgo: 6,
    dueInDays: 14,
    metric: {
      name: 'notification delivery lag',
      selector: { metric: METRICS.deliveryLag, attributes: { 'service.name': 'notifications' }, statistic: 'value' },
      direction: 'decrease',
      target: { absolute: 30 },
    },
  },
];

/** Actions without a success metric: the rest of a realistic backlog. */
export const OTHER_ACTIONS = [
  {
    postmortem: 'incident',
    action: {
      title: 'Write the runbook for a slow orders database',
      ownerTeam: 'payments',
      priority: 'P3',
      services: ['checkout'],
    },
    openedDaysAgo: 19,
    dueInDays: -3,
  },
  {
    postmortem: 'incident',
    action: { title: 'Add a kill switch for search suggestions', ownerTeam: 'search', priority: 'P2' },
    openedDaysAgo: 18,
    dueInDays: 30,
    verifiedDaysAgo: 9,
    verificationNote: 'Flipped in staging and in production during the game day; suggestions went dark within 5 s.',
  },
  {
    postmortem: 'premortem',
    action: {
      title: 'Rehearse the EU region failover',
      ownerTeam: 'platform',
      priority: 'P1',
      services: ['notifications'],
    },
    openedDaysAgo: 8,
    dueInDays: 21,
  },
];
