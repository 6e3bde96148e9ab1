import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { BurndownController } from './burndown.controller';
import { BurndownService } from './burndown.service';

@Module({
  imports: [PersistenceModule],
  controllers: [BurndownController],
  providers: [BurndownService],
})
export class BurndownModule {}
