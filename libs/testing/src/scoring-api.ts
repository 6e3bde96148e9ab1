import { expectStatus, HttpClient } from './http-client';

/** The calls every scoring scenario makes: score an action as of a time, then read what it did. */
export class ScoringApi {
  constructor(
    private readonly reader: HttpClient,
    private readonly scorer: HttpClient,
  ) {}

  /** POST /api/v1/scoring/run for one action as of `at` (epoch ms); returns the pass summary. */
  async run(actionId: string, at: number): Promise<any> {
    const res = await this.scorer.post('/api/v1/scoring/run', {
      actionIds: [actionId],
      at: new Date(at).toISOString(),
    });
    expectStatus(res, 200);
    return res.body;
  }

  /** The action's evaluations, newest first (up to 200). */
  async evaluations(actionId: string): Promise<any[]> {
    const res = await this.reader.get(`/api/v1/actions/${actionId}/evaluations?limit=200`);
    expectStatus(res, 200);
    return res.body.items;
  }

  async action(actionId: string): Promise<any> {
    const res = await this.reader.get(`/api/v1/actions/${actionId}`);
    expectStatus(res, 200);
    return res.body;
  }
}
