import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';

/** The scoring worker: connects to the database the API uses and scores due checks. */
@Module({ imports: [ConfigModule, PersistenceModule] })
export class ScorerModule {}
