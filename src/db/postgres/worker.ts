// The worker thread that holds this process's PostgreSQL connections (see postgres-database.ts).
// Each request is answered with data, never thrown, so the error's fields reach the caller intact.
import pg from 'pg';
import { runAsWorker } from 'synckit';
import type { WorkerReply, WorkerRequest } from './protocol.js';

// Counts and millisecond times are BIGINT: read them as numbers, as better-sqlite3 does.
// (Every such value of the portal is far below 2^53.)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

const clients = new Map<number, pg.Client>();
let lastId = 0;

function failure(err: unknown): WorkerReply {
  const e = err as { message?: string; code?: string; constraint?: string };
  return { ok: false, error: { message: String(e.message ?? err), code: e.code, constraint: e.constraint } };
}

runAsWorker(async (request: WorkerRequest): Promise<WorkerReply> => {
  try {
    switch (request.kind) {
      case 'connect': {
        const client = new pg.Client({ connectionString: request.url, application_name: 'myrecord' });
        // A connection lost between requests is reported by the next query; this keeps the worker alive.
        client.on('error', () => {});
        await client.connect();
        clients.set(++lastId, client);
        return { ok: true, connection: lastId };
      }
      case 'query': {
        const client = clients.get(request.connection);
        if (!client) return { ok: false, error: { message: 'the PostgreSQL connection is closed' } };
        if (request.pluck) {
          const result = await client.query({ text: request.sql, values: request.values, rowMode: 'array' });
          return { ok: true, rows: result.rows.map((row: unknown[]) => row[0]), changes: result.rowCount ?? 0 };
        }
        const result = await client.query({ text: request.sql, values: request.values });
        return { ok: true, rows: result.rows, changes: result.rowCount ?? 0 };
      }
      case 'exec': {
        const client = clients.get(request.connection);
        if (!client) return { ok: false, error: { message: 'the PostgreSQL connection is closed' } };
        await client.query(request.sql);
        return { ok: true };
      }
      case 'close': {
        const client = clients.get(request.connection);
        clients.delete(request.connection);
        await client?.end();
        return { ok: true };
      }
    }
  } catch (err) {
    return failure(err);
  }
});
