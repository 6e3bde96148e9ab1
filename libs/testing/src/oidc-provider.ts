import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './service-process';

const SCRIPT = join(resolve(process.cwd()), 'test/fixtures/oidc-provider.mjs');

export interface OidcProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  /** The service's base URL, e.g. http://127.0.0.1:3000 (its callback and sign-out return page). */
  serviceUrl: string;
}

/**
 * A real OpenID Connect provider (oidc-provider, test/fixtures/oidc-provider.mjs) in a child
 * process, on http://localhost:<port>: its development login form accepts any password for the
 * people it knows (alice: groups staff+sre, vera: readers, olga: platform, mallory: marketing).
 */
export class OidcProviderProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(options: OidcProviderOptions): Promise<OidcProviderProcess> {
    const settings = {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: `${options.serviceUrl}/auth/callback`,
      postLogoutRedirectUri: `${options.serviceUrl}/`,
    };
    const child = spawn(process.execPath, [SCRIPT, String(options.port), JSON.stringify(settings)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const issuer = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`the OpenID provider did not start:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          ready(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the OpenID provider exited (${code}):\n${output}`));
      });
    });
    const provider = new OidcProviderProcess(child, issuer);
    provider.output = output;
    child.stdout!.on('data', (chunk: Buffer) => (provider.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (provider.output += chunk.toString()));
    return provider;
  }

  get logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/**
 * A service config file signing people in with the provider on `providerPort`: the role comes from
 * the `groups` claim through `roles` (e.g. `{ sre: editor }`); `extra` lines go on top.
 */
export function oidcServiceConfig(providerPort: number, clientId: string, roles: string, extra: string[] = []): string {
  const file = join(tempDir('rt-oidc-'), 'config.yaml');
  writeFileSync(
    file,
    [
      ...extra,
      'auth:',
      '  oidc:',
      `    issuer: http://localhost:${providerPort}`,
      `    clientId: ${clientId}`,
      '    roleClaim: groups',
      '    scopes: [openid, profile, email, groups]',
      `    roles: ${roles}`,
      '',
    ].join('\n'),
  );
  return file;
}
