import { Inject, Injectable, Logger } from '@nestjs/common';
import { personActor, roleFromClaims, SessionService, type PersonRole } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OidcClientService, type PendingLogin } from './oidc-client.service';

export type SignInOutcome =
  { signedIn: true; token: string; actor: string; role: PersonRole } | { signedIn: false; actor: string };

/** The provider's answer was not accepted (state, nonce, PKCE, the code exchange, the ID token). */
export class ProviderAnswerRefused extends Error {}

/**
 * Turns the provider's answer into a session: the person's role from `roleClaim` through `roles`
 * (docs/operation.md, "Sign-in"); no mapped role, no session.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly oidc: OidcClientService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Throws ProviderAnswerRefused when the provider's answer is not accepted; a database failure
   * while saving the session is thrown as itself (a 503, not a refused sign-in).
   */
  async complete(callbackUrl: URL, pending: PendingLogin): Promise<SignInOutcome> {
    const { claims, idToken } = await this.oidc.finish(callbackUrl, pending).catch((err: unknown) => {
      throw new ProviderAnswerRefused((err as Error).message, { cause: err });
    });
    const { roleClaim, roles } = this.config.auth.oidc!;
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' && claims.email ? claims.email : null;
    const name = typeof claims.name === 'string' && claims.name ? claims.name : (email ?? subject);
    const actor = personActor({ subject, name, email });
    const role = roleFromClaims(claims, roleClaim, roles);
    if (!role) {
      this.logger.warn(`sign-in refused for ${actor}: no role mapped from "${roleClaim}"`);
      return { signedIn: false, actor };
    }
    const { token } = await this.sessions.create({ subject, name, email, role, idToken });
    this.logger.log(`${actor} signed in as ${role}`);
    return { signedIn: true, token, actor, role };
  }
}
