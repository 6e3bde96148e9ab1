import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { ApiKeyService } from './api-key.service';
import { ApiKeyGuard } from './api-key.guard';
import { SessionService } from './session.service';

@Module({
  imports: [PersistenceModule],
  providers: [ApiKeyService, ApiKeyGuard, SessionService],
  exports: [ApiKeyService, ApiKeyGuard, SessionService],
})
export class AuthModule {}
