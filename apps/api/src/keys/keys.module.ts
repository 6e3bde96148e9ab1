import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { KeysController } from './keys.controller';
import { WhoamiController } from './whoami.controller';

@Module({ imports: [AuthModule], controllers: [KeysController, WhoamiController] })
export class KeysModule {}
