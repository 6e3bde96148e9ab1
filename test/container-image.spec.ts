import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@app/testing/free-port';
import { controllerRoutes } from '@app/testing/controller-routes';
import { HealthController } from '../apps/api/src/health/health.controller';

// Dockerfile and .dockerignore: one non-root image for the API, the scorer and the CLI, whose
// health check is run here as Docker would run it. docs/operation.md, "Running it".

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
const instructions = readFileSync('Dockerfile', 'utf8')
  .replace(/\\\n\s*/g, '')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const runtimeFrom = instructions.findLastIndex((line) => line.startsWith('FROM '));
const runtime = instructions.slice(runtimeFrom);
const ignored = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

/** A .dockerignore pattern matching `path` or a folder above it (the forms the file uses). */
function isIgnored(path: string): boolean {
  const top = path.replace(/^\.\//, '').split('/')[0];
  return ignored.some((pattern) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`).test(top));
}

/** `COPY a b ./dest` sources from the build context (not from another stage). */
const copiedFromContext = instructions
  .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
  .flatMap((line) => line.split(/\s+/).slice(1, -1));

const healthcheck = instructions.find((line) => line.startsWith('HEALTHCHECK '))!;
const healthCommand = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
const env = Object.fromEntries(
  runtime
    .filter((line) => line.startsWith('ENV '))
    .flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
);

/** Runs the image's health check command the way Docker does (exec form), with `PORT`. */
function runHealthCheck(port: number): Promise<number | null> {
  const [program, ...args] = healthCommand;
  expect(program).toBe('node');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PORT: String(port) }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe('container image (Dockerfile)', () => {
  it('builds from node:24-bookworm-slim and runs as the non-root node user', () => {
    const bases = instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(/\s+/)[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    expect(new Set(bases)).toEqual(new Set(['node:24-bookworm-slim']));
    const user = runtime.findIndex((line) => line === 'USER node');
    expect(user).toBeGreaterThan(0);
    expect(runtime.findIndex((line) => line.startsWith('CMD '))).toBeGreaterThan(user);
  });

  it('copies only what exists and what .dockerignore lets into the build context', () => {
    expect(copiedFromContext).toEqual(
      expect.arrayContaining(['apps', 'libs', 'config', 'scripts/bundle-editor.mjs', 'bin']),
    );
    for (const source of copiedFromContext) {
      expect([source, existsSync(source), isIgnored(source)]).toEqual([source, true, false]);
    }
    // What the image must not carry, nor send to the daemon.
    for (const path of ['node_modules', 'dist', 'data', '.git', 'test', '.env'])
      expect([path, isIgnored(path)]).toEqual([path, true]);
  });

  it('copies every script `npm run build` runs into the build stage before it runs', () => {
    const build = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
      .build;
    const scripts = [...build.matchAll(/node (scripts\/\S+)/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const copiedBeforeBuild = instructions
      .slice(0, instructions.indexOf('RUN npm run build'))
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const script of scripts) expect([script, copiedBeforeBuild.includes(script)]).toEqual([script, true]);
  });

  it('holds the three entry points, each built by `npm run build`: the API by default, the scorer and the CLI', () => {
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/apps/api/src/main.js"]');
    expect(instructions).toContain('RUN npm run build');
    const build = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
      .build;
    // bin/remediation.mjs runs the compiled CLI from ../dist, which the image copies beside bin/.
    const cliTarget = /require\('\.\.\/(dist\/apps\/[a-z-]+\/src\/main\.js)'\)/.exec(
      readFileSync('bin/remediation.mjs', 'utf8'),
    )?.[1];
    const compiled = ['dist/apps/api/src/main.js', 'dist/apps/scorer/src/main.js', cliTarget ?? 'the CLI'];
    for (const entry of compiled) {
      const app = /^dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(entry)?.[1];
      expect([entry, existsSync(`apps/${app}/src/main.ts`), build.includes(`nest build ${app}`)]).toEqual([
        entry,
        true,
        true,
      ]);
    }
    expect(runtime).toContain('COPY bin ./bin');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toContain(`EXPOSE ${env.PORT}`);
  });

  describe('health check', () => {
    let server: Server;
    let port = 0;
    let answer = 200;
    const requested: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        requested.push(`${req.method} ${req.url}`);
        res.writeHead(answer, { 'Content-Type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("asks the API's readiness route on PORT, healthy only on 2xx, and fails when nothing answers", async () => {
      expect(healthcheck).toMatch(/--interval=\d+s/);
      answer = 200;
      expect(await runHealthCheck(port)).toBe(0);
      expect(requested).toEqual(['GET /health/ready']);
      expect(controllerRoutes(HealthController)).toContain(requested[0]);
      answer = 503;
      expect(await runHealthCheck(port)).toBe(1);
      expect(await runHealthCheck(await freePort())).toBe(1);
    });
  });
});
