import type { Db } from './connection.js';

export interface AttackIncident {
  id: number;
  startedAt: number;
  failures: number;
}

export type AttackIncidentRepo = ReturnType<typeof createAttackIncidentRepo>;

/** Attacks as the alert sees them (migration 016): at most one open at a time, by a unique index. */
export function createAttackIncidentRepo(db: Db) {
  const open = db.prepare('INSERT INTO attack_incidents (started_at, failures) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const current = db.prepare<[], AttackIncident>('SELECT id, started_at AS startedAt, failures FROM attack_incidents WHERE ended_at IS NULL');
  const close = db.prepare('UPDATE attack_incidents SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  return {
    /** Opens an incident unless one is open: the new one's id, or undefined (another process, or an earlier check, has it). */
    open(at: number, failures: number): number | undefined {
      const result = open.run(at, failures);
      return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
    },
    current(): AttackIncident | undefined {
      return current.get();
    },
    close(id: number, at: number): void {
      close.run(at, id);
    },
  };
}
