/** What the main thread asks of the PostgreSQL worker, and what it answers. */
export type WorkerRequest =
  | { kind: 'connect'; url: string }
  | { kind: 'query'; connection: number; sql: string; values: unknown[]; pluck: boolean; outsideTransaction: boolean }
  | { kind: 'exec'; connection: number; sql: string; outsideTransaction: boolean }
  | { kind: 'close'; connection: number };

export interface WorkerError {
  message: string;
  /** PostgreSQL's SQLSTATE, such as 23505 for a unique violation. */
  code?: string;
  constraint?: string;
}

export type WorkerReply =
  | { ok: true; connection?: number; rows?: unknown[]; changes?: number }
  | { ok: false; error: WorkerError };
