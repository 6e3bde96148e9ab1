import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { claimEmbeddedDatabase, dataSourceOptions, databaseKind, migrate } from './data-source.factory';
import { ENTITIES } from './entities';
import { REPOSITORIES } from './repositories';
import { DATABASE_KIND } from './database-kind.token';
import { TransactionRunner } from './transaction';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // The settings ride through TypeOrmModule's options to the factory below, which builds the
      // real DataSource (PostgreSQL or the embedded PGlite) itself.
      useFactory: (config: AppConfig) => ({ type: 'postgres', retryAttempts: 0, settings: config.database }),
      dataSourceFactory: async (options) => {
        const settings = (options as unknown as { settings: AppConfig['database'] }).settings;
        const logger = new Logger('Database');
        const kind = databaseKind(settings);
        const dataSource = new DataSource(await dataSourceOptions(settings));
        const takeOver = claimEmbeddedDatabase(settings, 'service')?.takeOverNotice();
        if (takeOver) logger.warn(takeOver);
        await dataSource.initialize();
        const applied = await migrate(dataSource, kind);
        logger.log(
          applied.length ? `${kind} database: applied ${applied.join(', ')}` : `${kind} database: schema up to date`,
        );
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [
    ...REPOSITORIES,
    TransactionRunner,
    { provide: DATABASE_KIND, inject: [APP_CONFIG], useFactory: (config: AppConfig) => databaseKind(config.database) },
  ],
  exports: [TypeOrmModule, DATABASE_KIND, TransactionRunner, ...REPOSITORIES],
})
export class PersistenceModule {}
