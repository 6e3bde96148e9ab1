import { Global, Module } from '@nestjs/common';
import { loadConfig } from './config.loader';
import { APP_CONFIG } from './config.token';

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
