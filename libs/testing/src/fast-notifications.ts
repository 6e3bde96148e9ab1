import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FastNotificationsOptions {
  publicUrl: string;
  maxAttempts: number;
  /** How long a claimed delivery is held before another process may take it. */
  leaseFor?: string;
}

/**
 * A config file (for REMEDIATION_CONFIG) whose notifications poll every 200 ms and back off for at
 * most 300 ms, so deliveries and their retries happen within a test; no scheduled digest to
 * surprise it. Returns the file's path.
 */
export function fastNotificationsConfig(dir: string, options: FastNotificationsOptions): string {
  const file = join(dir, 'fast-notifications.yaml');
  writeFileSync(
    file,
    [
      'notifications:',
      `  publicUrl: ${options.publicUrl}`,
      '  pollEvery: 200ms',
      `  maxAttempts: ${options.maxAttempts}`,
      '  backoffBase: 100ms',
      '  backoffMax: 300ms',
      ...(options.leaseFor ? [`  leaseFor: ${options.leaseFor}`] : []),
      '  digest:',
      '    enabled: false',
    ].join('\n'),
  );
  return file;
}
