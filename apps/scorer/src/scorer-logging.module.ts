import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@app/config';

/** JSON log lines (pino) at `log.level`, as the API writes them, so one pipeline reads both. */
export const ScorerLoggingModule = LoggerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.log.level } }),
});
