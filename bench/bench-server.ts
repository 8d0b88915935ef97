/** The production server as the benchmark runs it: a process of its own on a free port, with `npm start`'s Node flags. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../src/test-support/free-port.js';

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** Its resident memory now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/** The Node flags `npm start` runs the server with (package.json), so the benchmark measures what runs. */
export function serverNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return /node((?:\s+--\S+)*)\s+dist\/server\.js/.exec(start)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/** Starts dist/server.js with `env` and waits until it answers /healthz. */
export async function startBenchServer(env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeFlags(), 'dist/server.js'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (tries > 400 || child.exitCode !== null) throw new Error('a benchmark server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    child,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
