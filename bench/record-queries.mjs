// Preloaded into the service by bench/api-at-scale.bench.mjs (NODE_OPTIONS=--import). While
// recording is on, every statement the service sends through node-postgres is appended to
// RECORD_QUERIES_FILE as a JSON line {text, values}, so the benchmark's floor replays exactly the
// SQL a route issued. SIGWINCH toggles it (Nest's shutdown hooks take SIGUSR2); off by default and
// during the timed load.
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.RECORD_QUERIES_FILE;
let on = false;
process.on('SIGWINCH', () => (on = !on));
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function recorded(config, values, callback) {
  if (on && file) {
    const text = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : config?.values;
    if (text) appendFileSync(file, `${JSON.stringify({ text, values: params ?? [] })}\n`);
  }
  return query.call(this, config, values, callback);
};
