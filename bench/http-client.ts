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
      const headers: http.OutgoingHttpHeaders = {};
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

/** Every cookie the answer sets, as a browser would send them back (a login sets the session's and the device's). */
export function cookieOf(reply: Reply): string | undefined {
  const setCookie = reply.headers['set-cookie'];
  return setCookie?.map((line) => line.split(';')[0]).join('; ');
}

export function tokenOf(reply: Reply): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(reply.body)?.[1];
  if (!token) throw new Error(`no CSRF token in a ${reply.status} answer`);
  return token;
}

/** Runs `work` from `concurrency` loops until `ms` have passed; returns completions per second and latencies. */
export async function runFor(ms: number, concurrency: number, work: () => Promise<void>): Promise<{ perSecond: number; latencies: number[] }> {
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
