// The worker thread that holds this process's PostgreSQL connections (see postgres-database.ts).
// Each request is answered with data, never thrown, so the error's fields reach the caller intact.
import pg from 'pg';
import { runAsWorker } from 'synckit';
import type { WorkerReply, WorkerRequest } from './protocol.js';

// Counts and millisecond times are BIGINT: read them as numbers, as better-sqlite3 does.
// (Every such value of the portal is far below 2^53.)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

interface Connection {
  url: string;
  client: pg.Client;
  /** The server ended the connection (a restart, a failover): the next request outside a transaction opens a new one. */
  lost: boolean;
}

const connections = new Map<number, Connection>();
let lastId = 0;

/**
 * Each statement's text gets a name: pg then prepares it once per connection (parsed and planned
 * once) and later calls only bind and execute, which halves the round trip of a typical query.
 * The portal's statements are a fixed set, compiled once each (database.ts), so the names are few.
 */
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = `myrecord_${names.size + 1}`));
  return name;
};

async function connected(url: string): Promise<Connection> {
  const connection: Connection = { url, client: new pg.Client({ connectionString: url, application_name: 'myrecord' }), lost: false };
  // A connection lost between requests is reported by the next one; this keeps the worker alive.
  connection.client.on('error', () => (connection.lost = true));
  connection.client.on('end', () => (connection.lost = true));
  await connection.client.connect();
  return connection;
}

/**
 * The client of a connection, opened again if the server ended it and no transaction was open on
 * it. Inside a transaction the loss is reported instead (SQLSTATE 08006): what the transaction did
 * is gone with it, and running its remaining statements on a new connection would commit them alone.
 */
async function clientOf(id: number, outsideTransaction: boolean): Promise<pg.Client | WorkerReply> {
  const connection = connections.get(id);
  if (!connection) return { ok: false, error: { message: 'the PostgreSQL connection is closed' } };
  if (!connection.lost) return connection.client;
  if (!outsideTransaction) return { ok: false, error: { message: 'the connection to PostgreSQL was lost during a transaction', code: '08006' } };
  const fresh = await connected(connection.url);
  connections.set(id, fresh);
  void connection.client.end().catch(() => {});
  return fresh.client;
}

/** An error that leaves the connection unusable: the server shut it (class 08, 57P01–57P03), or the socket closed. */
function endsConnection(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  return typeof code === 'string' ? /^(08|57P0[123])/.test(code) : /terminated|not queryable|ECONNRESET|EPIPE/i.test(String(message));
}

/** The error as data; a statement cut off by the loss of its connection is SQLSTATE 08006 (connection failure). */
function failure(err: unknown, lost: boolean): WorkerReply {
  const e = err as { message?: string; code?: string; constraint?: string };
  return { ok: false, error: { message: String(e.message ?? err), code: e.code ?? (lost ? '08006' : undefined), constraint: e.constraint } };
}

runAsWorker(async (request: WorkerRequest): Promise<WorkerReply> => {
  try {
    switch (request.kind) {
      case 'connect': {
        connections.set(++lastId, await connected(request.url));
        return { ok: true, connection: lastId };
      }
      case 'query': {
        const client = await clientOf(request.connection, request.outsideTransaction);
        if (!(client instanceof pg.Client)) return client;
        const name = nameOf(request.sql);
        if (request.pluck) {
          const result = await client.query({ name, text: request.sql, values: request.values, rowMode: 'array' });
          return { ok: true, rows: result.rows.map((row: unknown[]) => row[0]), changes: result.rowCount ?? 0 };
        }
        const result = await client.query({ name, text: request.sql, values: request.values });
        return { ok: true, rows: result.rows, changes: result.rowCount ?? 0 };
      }
      case 'exec': {
        const client = await clientOf(request.connection, request.outsideTransaction);
        if (!(client instanceof pg.Client)) return client;
        await client.query(request.sql);
        return { ok: true };
      }
      case 'close': {
        const connection = connections.get(request.connection);
        connections.delete(request.connection);
        if (connection && !connection.lost) await connection.client.end();
        return { ok: true };
      }
    }
  } catch (err) {
    const connection = 'connection' in request ? connections.get(request.connection) : undefined;
    // The statement met a connection the server had ended before its events reached us: the next one opens a new connection.
    if (connection && endsConnection(err)) connection.lost = true;
    return failure(err, connection?.lost === true);
  }
});
