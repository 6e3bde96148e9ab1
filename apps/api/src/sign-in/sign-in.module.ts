import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { OidcClientService } from './oidc-client.service';
import { SignInController } from './sign-in.controller';

@Module({ imports: [AuthModule], controllers: [SignInController], providers: [OidcClientService] })
export class SignInModule {}
