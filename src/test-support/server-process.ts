/** The real server as a separate process, for tests of what crosses process boundaries. */
import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { freePort } from './free-port.js';
import { nodeArgs } from './node-entry.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Ends it gracefully. */
  stop(): Promise<void>;
  /** Ends it at once, as a crash or a power cut would. */
  kill(): Promise<void>;
}

/**
 * Every server a test file started and has not seen exit: killed when the file's tests are done, so
 * that a test which failed before stopping its servers (say, the second of two did not start) fails
 * alone instead of leaving the file's process waiting on a live child for ever.
 */
const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs('src/server.ts'), {
    env: { ...process.env, BCRYPT_COST: '4', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  // A generous limit, not a speed check: on a busy machine a server loading the demo on PostgreSQL took over 15 s.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start in 120 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
