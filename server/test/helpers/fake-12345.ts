import { createServer, type Server } from 'node:http';
import { signWebhook, WEBHOOK_MAX_SKEW_S } from '../../src/events/webhooks.js';

/** One callback the fake accepted. */
export interface Received {
  delivery: string;
  body: any;
}

/**
 * A fake 12345 hotline platform on 127.0.0.1: it files work orders (signed as the real one would)
 * and takes status callbacks, checking each signature and timestamp. It can be down (503) for a
 * while and come back, or refuse callbacks for good (410). It keeps what it accepted, so a test
 * sees whether each change arrived, and arrived once.
 */
export class Fake12345 {
  private server: Server | null = null;
  url = '';
  secret = '';
  name = '';
  down = false;
  refuse = false;
  /** Callbacks stored, in arrival order, one per delivery id (a receiver deduplicates, as docs/integrations.md asks). */
  received: Received[] = [];
  /** Deliveries that arrived again after being stored (at-least-once: a send retried after the receiver had stored it). */
  duplicates: Received[] = [];
  /** Every callback request, whatever the answer. */
  attempts = 0;
  refusedWhileDown = 0;
  badSignatures = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.attempts++;
        const raw = Buffer.concat(chunks);
        const ts = String(req.headers['x-weigrid-timestamp'] ?? '');
        const sig = String(req.headers['x-weigrid-signature'] ?? '');
        if (this.down) {
          this.refusedWhileDown++;
          res.writeHead(503).end('maintenance');
          return;
        }
        if (this.refuse) {
          res.writeHead(410).end('gone');
          return;
        }
        if (!this.secret || sig !== signWebhook(this.secret, ts, raw) || Math.abs(Date.now() / 1000 - Number(ts)) > WEBHOOK_MAX_SKEW_S) {
          this.badSignatures++;
          res.writeHead(401).end('bad signature');
          return;
        }
        const body = JSON.parse(raw.toString('utf8'));
        if (body.delivery !== req.headers['x-weigrid-delivery']) {
          res.writeHead(400).end('delivery header and body differ');
          return;
        }
        if (this.received.some((r) => r.delivery === body.delivery)) this.duplicates.push({ delivery: body.delivery, body });
        else this.received.push({ delivery: body.delivery, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    const addr = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${addr.port}/callbacks`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** Headers of a signed work order, as the hotline sends it. */
  sign(raw: string, opts: { ts?: string; secret?: string; name?: string } = {}): Record<string, string> {
    const ts = opts.ts ?? String(Math.floor(Date.now() / 1000));
    return { 'content-type': 'application/json', 'x-weigrid-source': opts.name ?? this.name, 'x-weigrid-timestamp': ts, 'x-weigrid-signature': signWebhook(opts.secret ?? this.secret, ts, raw) };
  }

  /** Accepted callbacks of one case, by sequence. */
  changesOf(serviceRequestId: string): any[] {
    return this.received.filter((r) => r.body.service_request_id === serviceRequestId).map((r) => r.body).sort((a, b) => a.sequence - b.sequence);
  }
}
