// A throwaway PostgreSQL for the tests: a new cluster in a temporary folder, started by hand
// (no system service), listening only on a Unix socket in that folder (nothing on the network,
// so no password is needed). PostgreSQL refuses to run as root: as root, it runs as the
// `postgres` user that Debian's package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL server's bin folder from Debian's packages, or undefined when none is installed. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/**
 * Starts a cluster; returns its URL and a stop function, or { skipped: reason } when this machine
 * cannot run one. For tests, without fsync (a test's data need not outlive a power cut). For the
 * benchmark, `{ durable: true }`: fsync on and commits not waiting for it (synchronous_commit off),
 * the guarantee the portal's SQLite has (WAL, synchronous NORMAL): never corrupt, the last commits
 * lost at worst on a power cut.
 */
export function startPostgres({ durable = false } = {}) {
  const bin = postgresBinDir();
  if (!bin) return { skipped: 'no PostgreSQL server is installed (Debian: apt-get install postgresql)' };
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? 'postgres' : userInfo().username;
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-pg-'));
  const run = (command, args) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  try {
    if (asRoot) {
      const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
      const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
      chownSync(dir, Number(ids), Number(gid));
    }
    const data = join(dir, 'data');
    run(join(bin, 'initdb'), ['-D', data, '-U', owner, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
      '-o',
      `-c listen_addresses='' -c unix_socket_directories='${dir}' -c max_connections=200 ${durable ? '-c synchronous_commit=off' : '-c fsync=off'}`,
    ]);
    const url = `postgres://${owner}@localhost/postgres?host=${encodeURIComponent(dir)}`;
    const stop = () => {
      spawnSync(
        ...(asRoot
          ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop']]
          : [join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']]),
      );
      rmSync(dir, { recursive: true, force: true });
    };
    return { url, stop };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `a local PostgreSQL could not be started: ${err.message.split('\n')[0]}` };
  }
}
