import { sql } from 'kysely';
import type { Database } from '../engine/database.js';

export interface SecondFactorRow {
  staffId: number;
  secretSealed: string;
  createdAt: number;
  confirmedAt: number | null;
  lastStep: number;
}

export type SecondFactorRepo = ReturnType<typeof createSecondFactorRepo>;

/** Staff authenticators and recovery codes (migration 015). Every change that must happen once is one conditional UPDATE. */
export function createSecondFactorRepo(database: Database) {
  const find = database.statement((staffId: number) => sql<SecondFactorRow>`
    SELECT staff_id AS "staffId", secret_sealed AS "secretSealed", created_at AS "createdAt", confirmed_at AS "confirmedAt", last_step AS "lastStep"
    FROM staff_second_factors WHERE staff_id = ${staffId}`);
  const replacePending = database.statement((staffId: number, secretSealed: string, now: number) => sql`
    INSERT INTO staff_second_factors (staff_id, secret_sealed, created_at) VALUES (${staffId}, ${secretSealed}, ${now})
    ON CONFLICT (staff_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, created_at = excluded.created_at, last_step = 0
    WHERE staff_second_factors.confirmed_at IS NULL`);
  const confirm = database.statement((now: number, step: number, staffId: number, secretSealed: string) => sql`
    UPDATE staff_second_factors SET confirmed_at = ${now}, last_step = ${step}
    WHERE staff_id = ${staffId} AND confirmed_at IS NULL AND secret_sealed = ${secretSealed}`);
  const advance = database.statement((step: number, staffId: number) => sql`
    UPDATE staff_second_factors SET last_step = ${step} WHERE staff_id = ${staffId} AND confirmed_at IS NOT NULL AND last_step < ${step}`);
  const remove = database.statement((staffId: number) => sql`DELETE FROM staff_second_factors WHERE staff_id = ${staffId}`);
  const removeCodes = database.statement((staffId: number) => sql`DELETE FROM staff_recovery_codes WHERE staff_id = ${staffId}`);
  const addCode = database.statement((staffId: number, hash: string) => sql`INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (${staffId}, ${hash})`);
  const spend = database.statement((now: number, staffId: number, hash: string) => sql`
    UPDATE staff_recovery_codes SET used_at = ${now} WHERE staff_id = ${staffId} AND code_hash = ${hash} AND used_at IS NULL`);
  const unused = database.statement((staffId: number) =>
    sql<{ n: number }>`SELECT count(*) AS n FROM staff_recovery_codes WHERE staff_id = ${staffId} AND used_at IS NULL`).pluck();
  const confirmedIds = database.statement(() => sql<{ staff_id: number }>`SELECT staff_id FROM staff_second_factors WHERE confirmed_at IS NOT NULL`).pluck();

  return {
    find(staffId: number): SecondFactorRow | undefined {
      return find.get(staffId);
    },
    /** Whether the account's second factor is on (enrolment confirmed). */
    isOn(staffId: number): boolean {
      return find.get(staffId)?.confirmedAt != null;
    },
    /** The accounts whose second factor is on, for the accounts page. */
    confirmedStaffIds(): Set<number> {
      return new Set(confirmedIds.all());
    },
    /** A new secret waiting for its first code; never replaces one that is on. False if one is on. */
    savePending(staffId: number, secretSealed: string, now: number): boolean {
      return replacePending.run(staffId, secretSealed, now).changes === 1;
    },
    /** Turns on the pending secret `secretSealed` with its recovery codes, once: false if it was no longer the pending one. */
    confirm(staffId: number, secretSealed: string, step: number, codeHashes: readonly string[], now: number): boolean {
      return database.transaction(() => {
        if (confirm.run(now, step, staffId, secretSealed).changes !== 1) return false;
        removeCodes.run(staffId);
        for (const hash of codeHashes) addCode.run(staffId, hash);
        return true;
      });
    },
    /** Accepts a code for time step `step` only if no code of that step or a later one was accepted: no replay. */
    acceptStep(staffId: number, step: number): boolean {
      return advance.run(step, staffId).changes === 1;
    },
    /** Spends a recovery code: true once, false for a code used or never issued. */
    spendRecoveryCode(staffId: number, codeHash: string, now: number): boolean {
      return spend.run(now, staffId, codeHash).changes === 1;
    },
    unusedRecoveryCodes(staffId: number): number {
      return unused.get(staffId) ?? 0;
    },
    /** An admin's reset: the authenticator and codes are gone; the account enrols again. True if there was one. */
    reset(staffId: number): boolean {
      return database.transaction(() => {
        removeCodes.run(staffId);
        return remove.run(staffId).changes === 1;
      });
    },
  };
}
