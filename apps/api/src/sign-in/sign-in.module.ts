import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { OidcClientService } from './oidc-client.service';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';

@Module({ imports: [AuthModule], controllers: [SignInController], providers: [OidcClientService, SignInService] })
export class SignInModule {}
