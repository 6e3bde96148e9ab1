import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, ServiceProcess, tempDir } from '@app/testing';

/**
 * The receiver's export slots (otlp.maxConcurrentExports): with every slot held by an export whose
 * body is still arriving, the next export is answered 429 with Retry-After at once, in the
 * request's own encoding and before its key is looked up; the slot comes back when the held
 * export's connection ends, whether it finished or was abandoned.
 */
describeEachDatabase('OTLP receiver when every export slot is held', (database) => {
  let service: ServiceProcess;
  let ingestKey: string;

  beforeAll(async () => {
    const config = join(tempDir('rt-otlp-busy-'), 'otlp.yaml');
    writeFileSync(config, 'otlp:\n  maxConcurrentExports: 1\n');
    service = await ServiceProcess.start({ database, env: { REMEDIATION_CONFIG: config } });
    ingestKey = await service.issueKey('collector', 'ingest');
  });

  afterAll(async () => {
    await service?.destroy();
  });

  /** An export that has sent its headers and a few bytes of a longer body, then waits. */
  async function sendHeldExport(): Promise<{ socket: Socket; answered: () => boolean }> {
    const socket = connect(service.port, '127.0.0.1');
    let answered = false;
    socket.once('data', () => (answered = true));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /v1/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n' +
        `Authorization: Bearer ${ingestKey}\r\nContent-Length: 1000\r\n\r\n` +
        '\x0a\x05',
    );
    return { socket, answered: () => answered };
  }

  /**
   * Holds the receiver's only slot with a held export. A slot comes back when its response closes,
   * which under load can be just after the sender has its answer: a held export arriving before then
   * is itself answered 429, and is sent again. The slot is ours once other exports get 429 while
   * the held one, a moment later, still has no answer.
   */
  async function holdSlot(): Promise<Socket> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const held = await sendHeldExport();
      while (!held.answered() && Date.now() < deadline) {
        const refused = (await emptyExport('application/x-protobuf')).status === 429;
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (refused && !held.answered()) return held.socket;
      }
      held.socket.destroy();
      if (Date.now() > deadline) throw new Error('the held export never got the slot in 30 s');
    }
  }

  /** Sends empty exports until one is answered other than 429; 30 s at most. */
  async function exportUntilAdmitted(): Promise<Response> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await emptyExport('application/x-protobuf');
      if (res.status !== 429 || Date.now() > deadline) return res;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const emptyExport = (contentType: string, key = ingestKey) =>
    fetch(`${service.baseUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${key}` },
      body: contentType === 'application/json' ? '{"resourceMetrics":[]}' : new Uint8Array(0),
    });

  it('answers 429 with Retry-After in the request encoding while held, and 200 once the slot is back', async () => {
    expect((await emptyExport('application/x-protobuf')).status).toBe(200);
    const held = await holdSlot();
    try {
      const busy = await emptyExport('application/json');
      expect(busy.status).toBe(429);
      expect(busy.headers.get('retry-after')).toBe('1');
      expect(busy.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await busy.json()) as { message: string }).toEqual(
        expect.objectContaining({ message: expect.stringContaining('busy') }),
      );

      const busyProtobuf = await emptyExport('application/x-protobuf');
      expect(busyProtobuf.status).toBe(429);
      expect(busyProtobuf.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
      // Ahead of the key check: a busy receiver does not spend a key lookup on anyone.
      expect((await emptyExport('application/json', 'rt_not_a_key')).status).toBe(429);
    } finally {
      held.destroy();
    }
    // The abandoned export gave its slot back.
    expect((await exportUntilAdmitted()).status).toBe(200);
  });
});
