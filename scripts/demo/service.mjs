/**
 * Starts the one-process service (`npm start`'s entry) for the demo on its own data folder and port,
 * and talks to its API with the admin key it generated.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 60_000;

/** Runs `entry` with the demo's environment; its log goes to `<dataDir>/service.log`. */
export async function startService({ entry, dataDir, port }) {
  const log = createWriteStream(join(dataDir, 'service.log'));
  // The embedded database and the defaults, whatever this shell configures for `npm start`.
  const inherited = Object.entries(process.env).filter(
    ([name]) => !name.startsWith('REMEDIATION_') && name !== 'DATABASE_URL' && name !== 'PORT',
  );
  const child = spawn(process.execPath, [entry], {
    env: {
      ...Object.fromEntries(inherited),
      PORT: String(port),
      HOST: process.env.HOST ?? '127.0.0.1',
      REMEDIATION_DATA_DIR: dataDir,
      // Nothing else installed: only the built-in OTLP receiver is a datasource.
      REMEDIATION_DATASOURCES: '[]',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await Promise.race([
      fetch(`${baseUrl}/health/ready`).then(
        (res) => res.status,
        () => null,
      ),
      exited.then((code) => {
        throw new Error(`the service stopped (${code}) before it was ready: see ${join(dataDir, 'service.log')}`);
      }),
    ]);
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(
        `the service was not ready within ${READY_TIMEOUT_MS / 1000} s: see ${join(dataDir, 'service.log')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const adminKey = (await readFile(join(dataDir, 'admin.key'), 'utf8')).trim();
  return { child, exited, baseUrl, adminKey };
}

/** A JSON client for the API with one key; any answer but 2xx is an error naming the request. */
export function apiClient(baseUrl, key) {
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}
