/**
 * The architecture, enforced (test/architecture.spec.ts runs this):
 * - libs/scoring, libs/domain and libs/definitions are pure TypeScript: no framework, ORM, HTTP or
 *   metrics library; so are the tracker sync rules (libs/trackers/src/rules), on top of those two;
 * - apps never import each other, and libs never import apps;
 * - the database (TypeORM, the drivers) is reached only through libs/persistence;
 * - nothing imports libs/testing outside tests.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-scoring-and-domain',
      severity: 'error',
      comment:
        'Scoring math and domain rules must stay free of frameworks, so they read like the rules in docs/ and test alone.',
      from: { path: '^libs/(scoring|domain|definitions)/' },
      to: { path: 'node_modules/(@nestjs|typeorm|axios|prom-client|pg|@electric-sql|express|@opentelemetry)' },
    },
    {
      name: 'pure-libs-import-only-pure-libs',
      severity: 'error',
      from: { path: '^libs/(scoring|domain|definitions)/' },
      to: { path: '^libs/(?!scoring|domain|definitions)' },
    },
    {
      name: 'pure-tracker-rules',
      severity: 'error',
      comment:
        'The tracker sync rules decide from values alone (docs/trackers.md); the clients and the app do the talking.',
      from: { path: '^libs/trackers/src/rules/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: [
          'node_modules/',
          '^libs/(?!domain/|scoring/|trackers/)',
          '^libs/trackers/src/(?!rules/|tracker-client\\.ts$)',
        ],
      },
    },
    {
      name: 'database-only-in-persistence',
      severity: 'error',
      comment: 'SQL, entities and transactions live in libs/persistence; everything else hands repositories a Tx.',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/persistence/', '^libs/testing/', '\\.spec\\.ts$'] },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm|pg|@electric-sql|typeorm-pglite)/' },
    },
    {
      name: 'apps-are-independent',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
