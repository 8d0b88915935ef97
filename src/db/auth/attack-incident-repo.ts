import { sql } from 'kysely';
import type { Database } from '../engine/database.js';

export interface AttackIncident {
  id: number;
  startedAt: number;
  failures: number;
}

export type AttackIncidentRepo = ReturnType<typeof createAttackIncidentRepo>;

/** Attacks as the alert sees them (migration 016): at most one open at a time, by a unique index. */
export function createAttackIncidentRepo(database: Database) {
  const open = database.statement((at: number, failures: number) => sql<{ id: number }>`
    INSERT INTO attack_incidents (started_at, failures) VALUES (${at}, ${failures}) ON CONFLICT DO NOTHING RETURNING id`).pluck();
  const current = database.statement(() =>
    sql<AttackIncident>`SELECT id, started_at AS "startedAt", failures FROM attack_incidents WHERE ended_at IS NULL`);
  const close = database.statement((at: number, id: number) => sql`UPDATE attack_incidents SET ended_at = ${at} WHERE id = ${id} AND ended_at IS NULL`);
  return {
    /** Opens an incident unless one is open: the new one's id, or undefined (another process, or an earlier check, has it). */
    open(at: number, failures: number): number | undefined {
      return open.get(at, failures);
    },
    current(): AttackIncident | undefined {
      return current.get();
    },
    close(id: number, at: number): void {
      close.run(at, id);
    },
  };
}
