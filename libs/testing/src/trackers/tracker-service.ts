import { fastNotificationsConfig } from '../fast-notifications';
import { ServiceProcess, type DatabaseChoice } from '../service-process';

export interface TrackerServiceOptions {
  database: DatabaseChoice;
  /** Where the notifications config file goes. */
  dir: string;
  prometheusUrl: string;
  publicUrl: string;
  /** The service's `trackers` (REMEDIATION_TRACKERS). */
  trackers: readonly object[];
}

/**
 * The service as the write-back suites run it: a Prometheus named `prom`, notifications (and so
 * tracker deliveries) retried fast, six attempts at most, and these trackers.
 */
export function startWithTrackers(options: TrackerServiceOptions): Promise<ServiceProcess> {
  return ServiceProcess.start({
    database: options.database,
    datasources: [{ name: 'prom', type: 'prometheus', url: options.prometheusUrl, timeoutMs: 5000 }],
    env: {
      REMEDIATION_CONFIG: fastNotificationsConfig(options.dir, { publicUrl: options.publicUrl, maxAttempts: 6 }),
      REMEDIATION_TRACKERS: JSON.stringify(options.trackers),
    },
  });
}
