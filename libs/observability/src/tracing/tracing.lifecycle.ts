import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing.bootstrap';

/** Flushes the spans still buffered when the application closes (SIGTERM, the scorer's --once). */
@Injectable()
export class TracingLifecycle implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}
