#!/usr/bin/env node
// The `remediation` command (package.json "bin"): runs the compiled CLI (`npm run build` makes it).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { run } = require('../dist/apps/cli/src/main.js');
process.exitCode = await run(process.argv);
