// Nest 12 ships ESM only, so jest runs in its native ESM mode (see README, "Tests").
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const aliases = {
  '^@app/(config|persistence|auth|domain|scoring|datasources|observability|evaluation|testing|definitions|trackers)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@app/(config|persistence|auth|domain|scoring|datasources|observability|evaluation|testing|definitions|trackers)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
  // Applies to every project: an e2e suite's hooks start the service (and a database) for it.
  testTimeout: 60000,
  // On 2 cores jest runs every file inside its own process, whose heap only grows (each file's
  // ES modules stay loaded) until the 4 GB limit stops the run. A worker instead, still one at a
  // time, replaced after any file that leaves it above this much memory.
  workerIdleMemoryLimit: '1GB',
  // The test command runs with --coverage: the scoring library must stay ≥ 95% covered.
  collectCoverageFrom: [
    'libs/scoring/src/**/*.ts',
    '!libs/scoring/src/**/*.spec.ts',
    '!libs/scoring/src/testing/**',
    '!libs/scoring/src/index.ts',
  ],
  coverageThreshold: { './libs/scoring/src/': { lines: 95, branches: 95 } },
  coverageReporters: ['text-summary'],
  coverageDirectory: '<rootDir>/coverage',
};
