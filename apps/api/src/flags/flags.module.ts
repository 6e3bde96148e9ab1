import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { FlagsController } from './flags.controller';
import { FlagsService } from './flags.service';

@Module({
  imports: [PersistenceModule],
  controllers: [FlagsController],
  providers: [FlagsService],
})
export class FlagsModule {}
