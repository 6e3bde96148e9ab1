import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '@app/config';

/** What the browser keeps between leaving for the provider and coming back (the login cookie). */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

/** The person the provider vouched for, with every claim of the ID token and userinfo. */
export interface SignedInPerson {
  claims: Record<string, unknown>;
  idToken: string | null;
}

export const CALLBACK_PATH = '/auth/callback';

/**
 * The authorization code flow with PKCE, state and nonce against the configured provider
 * (docs/operation.md, "Sign-in"). The provider's discovery document is read at the first sign-in
 * and kept; a failed read is retried at the next one, so the service starts while the provider is
 * down.
 */
@Injectable()
export class OidcClientService {
  private readonly settings: OidcConfig | null;
  private readonly publicUrl: string | null;
  private readonly secret: string | null;
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.auth.oidc;
    this.publicUrl = config.auth.oidc?.publicUrl ?? config.notifications.publicUrl;
    // Read at start, so a missing secret file stops the service rather than the first sign-in.
    this.secret = this.settings ? clientSecret(this.settings) : null;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** This service's base URL: as configured, else `requestOrigin` (where the browser came to). */
  base(requestOrigin: string): string {
    return this.publicUrl ?? requestOrigin;
  }

  redirectUri(requestOrigin: string): string {
    return new URL(CALLBACK_PATH, this.base(requestOrigin)).href;
  }

  /** Where to send the browser to sign in, and what to remember for the callback. */
  async start(requestOrigin: string): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(requestOrigin),
      scope: this.require().scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Exchanges the code the provider sent back (`callbackUrl`, as the browser requested it) and
   * returns the person's claims; userinfo's fill in what the ID token lacks.
   */
  async finish(callbackUrl: URL, pending: PendingLogin): Promise<SignedInPerson> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
      const roleClaim = this.require().roleClaim;
      if (claims[roleClaim] === undefined && info[roleClaim] !== undefined) claims[roleClaim] = info[roleClaim];
    }
    return { claims, idToken: tokens.id_token ?? null };
  }

  /** The provider's sign-out page for this person, when it has one. */
  async endSessionUrl(idToken: string | null, requestOrigin: string): Promise<string | null> {
    if (!this.settings) return null;
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: new URL('/', this.base(requestOrigin)).href,
    };
    if (idToken) params.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(config, params).href;
  }

  private configuration(): Promise<oidc.Configuration> {
    const settings = this.require();
    this.discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { response_types: ['code'] },
        oidc.ClientSecretBasic(this.secret!),
        // Plain http is accepted by the configuration for loopback issuers only (a provider on
        // this host); production issuers are https.
        settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.discovered = null;
        throw err;
      });
    return this.discovered;
  }

  private require(): OidcConfig {
    if (!this.settings) throw new Error('OpenID Connect is not configured (auth.oidc)');
    return this.settings;
  }
}

function clientSecret(settings: OidcConfig): string {
  if (settings.clientSecret) return settings.clientSecret;
  const file = settings.clientSecretFile!;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`auth.oidc.clientSecretFile: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}
