import { Injectable } from '@nestjs/common';

export interface SendResult {
  /** The HTTP status; null when no answer came (refused, reset, timed out). */
  status: number | null;
  /** What went wrong, for lastError; null on 2xx. */
  error: string | null;
}

const ERROR_BODY_CHARS = 300;

/** One POST to a webhook target. Redirects are not followed: a target's URL is what the operator set. */
@Injectable()
export class WebhookSender {
  async send(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel();
        return { status: res.status, error: null };
      }
      const text = (await res.text().catch(() => '')).slice(0, ERROR_BODY_CHARS);
      return { status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') return { status: null, error: `no answer within ${timeoutMs} ms` };
      return { status: null, error: e.cause?.code ?? e.cause?.message ?? e.message };
    }
  }
}
