import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/auth';
import { htmlDocument } from '../postmortems/report/html-document';
import { escapeHtml } from '../postmortems/report/html-escape';
import { requestOrigin } from '../http/request-origin';
import { PUBLIC_PAGE_CSP, PUBLIC_PAGE_STYLE } from './public-page/public-page-style';
import { PublicPostmortemsService } from './public-postmortems.service';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

// Shared caches may keep a page a minute; after that a browser or proxy revalidates with its ETag
// (Express answers 304 when the page has not changed), so a withdrawal shows within the minute.
const PUBLIC_CACHE = 'public, max-age=60';

/**
 * Published post-mortems, open to the world (docs/publishing.md): no key, no cookie, nothing loaded
 * or run by the pages, limited per client address.
 */
@ApiTags('public')
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public')
export class PublicPostmortemsController {
  constructor(private readonly pages: PublicPostmortemsService) {}

  /** The Atom 1.0 feed of published post-mortems, newest first. */
  @Get('postmortems.atom')
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  async feed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.pages.feed(this.pages.baseUrl(requestOrigin(req)));
    res.status(200).type('application/atom+xml; charset=utf-8');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    // Public data without credentials: a status page's script on another origin may read it.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.send(body);
  }

  /**
   * A published post-mortem's public page; 410 once withdrawn, 404 for an address never published.
   * Those two answer a browser with a page and any other client with the API's JSON error.
   */
  @Get('postmortems/:slug')
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async page(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.page(slug);
    res.setHeader('Content-Security-Policy', PUBLIC_PAGE_CSP);
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    if (page.state === 'live') {
      res.status(200).type('html').send(page.html);
      return;
    }
    const [status, title, message] =
      page.state === 'withdrawn'
        ? [410, 'Gone', 'this post-mortem summary has been withdrawn by its publisher']
        : [404, 'Not Found', 'there is no published post-mortem at this address'];
    res.status(status);
    // A shared cache must not hand a browser the JSON a script was given, or the reverse.
    res.vary('Accept');
    if (req.accepts(['json', 'html']) === 'html') res.type('html').send(notice(title, message));
    else res.json({ statusCode: status, error: title, message });
  }
}

/** A page for an address with nothing to show, under the same policy and stylesheet. */
function notice(title: string, message: string): string {
  const sentence = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  return htmlDocument(
    title,
    PUBLIC_PAGE_STYLE,
    `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(sentence)}</p></main>`,
  );
}
