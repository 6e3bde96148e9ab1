import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { PostmortemsModule } from '../postmortems/postmortems.module';
import { PublicPostmortemsController } from './public-postmortems.controller';
import { PublicPostmortemsService } from './public-postmortems.service';
import { PublicRateLimitGuard } from './public-rate-limit.guard';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';

@Module({
  imports: [PersistenceModule, PostmortemsModule],
  controllers: [PublicationsController, PublicPostmortemsController],
  providers: [PublicationsService, PublicPostmortemsService, PublicRateLimitGuard],
})
export class PublicationsModule {}
