import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { codeBlocks, readReadme } from '@app/testing';

/*
 * The README's tracker setup is a configuration file a user copies: it must load as it is shown,
 * with the secret files it names in place, and configure what the README says it does.
 */
describe("the README's tracker configuration", () => {
  it('loads, each secret read from its file', () => {
    const [yaml] = codeBlocks(readReadme(), 'Issue trackers', 'yaml');
    const dir = mkdtempSync(join(tmpdir(), 'rt-readme-trackers-'));
    try {
      mkdirSync(join(dir, 'secrets'));
      const secrets = [...yaml.matchAll(/File: \/run\/secrets\/(\S+)/g)].map((m) => m[1]);
      for (const name of secrets) writeFileSync(join(dir, 'secrets', name), `${name}-value-of-some-length\n`);
      writeFileSync(join(dir, 'remediation.yaml'), yaml.replaceAll('/run/secrets/', `${dir}/secrets/`));
      const config = loadConfig({ REMEDIATION_CONFIG: 'remediation.yaml' }, dir);
      expect(secrets).toHaveLength(4);
      expect(
        config.trackers.map((t) => [t.name, t.type, t.url, t.token.reveal(), t.email, t.reopenTransition]),
      ).toEqual([
        ['github', 'github', 'https://api.github.com', 'github-token-value-of-some-length', null, null],
        [
          'jira',
          'jira',
          'https://acme.atlassian.net',
          'jira-token-value-of-some-length',
          'remediation-bot@acme.example',
          'Reopen',
        ],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
