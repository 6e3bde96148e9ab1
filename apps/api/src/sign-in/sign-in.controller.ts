import { Controller, Get, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CSRF_HEADER, csrfMatches, Public, sessionCookie, SessionService } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { OidcClientService } from './oidc-client.service';
import {
  clearLoginCookie,
  clearSessionCookie,
  readLoginCookie,
  setLoginCookie,
  setSessionCookie,
} from './session-cookies';
import { signInPage } from './sign-in-page';
import { ProviderAnswerRefused, SignInService, type SignInOutcome } from './sign-in.service';
import { requestOrigin } from '../http/request-origin';

/**
 * Sign-in for people through the OpenID Connect provider (docs/api.md, "Sign-in"): outside /api
 * and the OpenAPI document, as these are browser pages and the dashboard's session, not API calls.
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class SignInController {
  private readonly logger = new Logger(SignInController.name);

  constructor(
    private readonly oidc: OidcClientService,
    private readonly sessions: SessionService,
    private readonly signIn: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the dashboard should offer "Sign in with your organisation". */
  @Get('config')
  signInConfig(): { oidc: boolean } {
    return { oidc: this.oidc.enabled };
  }

  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled)
      return this.page(res, 404, 'Sign-in unavailable', 'No OpenID Connect provider is configured; use an API key.');
    let started;
    try {
      started = await this.oidc.start(requestOrigin(req));
    } catch (err) {
      this.logger.error(`the OpenID Connect provider could not be reached: ${(err as Error).message}`);
      return this.page(res, 502, 'Sign-in failed', 'The sign-in provider could not be reached; try again later.');
    }
    setLoginCookie(req, res, started.pending);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, started.url.href);
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled)
      return this.page(res, 404, 'Sign-in unavailable', 'No OpenID Connect provider is configured.');
    const pending = readLoginCookie(req.headers.cookie);
    clearLoginCookie(req, res);
    if (!pending)
      return this.page(res, 400, 'Sign-in failed', 'The sign-in took too long or was not started here; sign in again.');
    const callbackUrl = new URL(this.oidc.redirectUri(requestOrigin(req)));
    callbackUrl.search = new URL(req.originalUrl, 'http://placeholder').search;
    let outcome: SignInOutcome;
    try {
      outcome = await this.signIn.complete(callbackUrl, pending);
    } catch (err) {
      if (!(err instanceof ProviderAnswerRefused)) throw err;
      this.logger.warn(`sign-in refused: ${err.message}`);
      return this.page(res, 400, 'Sign-in failed', `The provider's answer was not accepted: ${err.message}`);
    }
    if (!outcome.signedIn) {
      const claim = this.config.auth.oidc!.roleClaim;
      return this.page(
        res,
        403,
        'No access',
        `You signed in as ${outcome.actor}, but none of your "${claim}" values gives a role ` +
          'in the remediation tracker. Ask an administrator to map one of your groups to a role.',
      );
    }
    setSessionCookie(req, res, outcome.token, this.sessions.maxAgeMs);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/');
  }

  /** The signed-in person and the CSRF token their writes must send, or 401. */
  @Get('session')
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const token = sessionCookie(req.headers.cookie);
    const live = token ? await this.sessions.authenticate(token) : null;
    if (!live) throw new DomainError(DomainErrorCode.Unauthenticated, 'not signed in');
    const { name, email, role, csrfToken } = live.row;
    return { name, email, role, actor: live.principal.name, csrfToken };
  }

  /**
   * Ends the session (a write: the CSRF token is required) and answers where the provider's own
   * sign-out is, if it offers one.
   */
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const token = sessionCookie(req.headers.cookie);
    const live = token ? await this.sessions.authenticate(token) : null;
    if (live && !csrfMatches(req.headers[CSRF_HEADER], live.row.csrfToken))
      throw new DomainError(DomainErrorCode.Forbidden, 'missing or wrong X-CSRF-Token');
    const ended = token ? await this.sessions.end(token) : null;
    clearSessionCookie(req, res);
    const endSessionUrl = ended
      ? await this.oidc.endSessionUrl(ended.idToken, requestOrigin(req)).catch(() => null)
      : null;
    return { signedOut: ended !== null, endSessionUrl };
  }

  private page(res: Response, status: number, title: string, message: string): void {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(signInPage(title, message));
  }
}
