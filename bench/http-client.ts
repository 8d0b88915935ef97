/** A lean HTTP client for the benchmark: keep-alive sockets, a cookie, the form's CSRF token. */
import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function createClient(base: string, maxSockets: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    agent,
    request(method: 'GET' | 'POST', path: string, options: { cookie?: string; form?: Record<string, string> } = {}): Promise<Reply> {
      const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
      // As from the HTTPS proxy in front (TRUST_PROXY=loopback): cookies are Secure and __Host-.
      const headers: http.OutgoingHttpHeaders = { 'x-forwarded-proto': 'https' };
      if (options.cookie) headers.cookie = options.cookie;
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(body);
      }
      return new Promise((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export type Client = ReturnType<typeof createClient>;

/** Every cookie the answer set, as a Cookie header. */
export function cookieOf(reply: Reply): string | undefined {
  const pairs = reply.headers['set-cookie']?.map((line) => line.split(';')[0]);
  return pairs && pairs.length > 0 ? pairs.join('; ') : undefined;
}

export function tokenOf(reply: Reply): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(reply.body)?.[1];
  if (!token) throw new Error(`no CSRF token in a ${reply.status} answer`);
  return token;
}

/** A full verified login, as a browser does it: the page, its token, the post. Answers the post's status. */
export async function login(client: Client, barcode: string, pin: string): Promise<number> {
  const page = await client.request('GET', '/login');
  return (await client.request('POST', '/login', { cookie: cookieOf(page), form: { _csrf: tokenOf(page), barcode, pin } })).status;
}

/** Runs `work` from `concurrency` loops until `ms` have passed; returns completions per second and latencies. */
export async function runFor(
  ms: number,
  concurrency: number,
  work: () => Promise<void>,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
