import type { Db } from './connection.js';

export interface SecondFactorRow {
  staffId: number;
  secretSealed: string;
  createdAt: number;
  confirmedAt: number | null;
  lastStep: number;
}

export type SecondFactorRepo = ReturnType<typeof createSecondFactorRepo>;

/** Staff authenticators and recovery codes (migration 015). Every change that must happen once is one conditional UPDATE. */
export function createSecondFactorRepo(db: Db) {
  const find = db.prepare<[number], SecondFactorRow>(
    'SELECT staff_id AS staffId, secret_sealed AS secretSealed, created_at AS createdAt, confirmed_at AS confirmedAt, last_step AS lastStep FROM staff_second_factors WHERE staff_id = ?',
  );
  const replacePending = db.prepare(
    `INSERT INTO staff_second_factors (staff_id, secret_sealed, created_at) VALUES (?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, created_at = excluded.created_at, last_step = 0
     WHERE staff_second_factors.confirmed_at IS NULL`,
  );
  const confirm = db.prepare('UPDATE staff_second_factors SET confirmed_at = ?, last_step = ? WHERE staff_id = ? AND confirmed_at IS NULL AND secret_sealed = ?');
  const advance = db.prepare('UPDATE staff_second_factors SET last_step = ? WHERE staff_id = ? AND confirmed_at IS NOT NULL AND last_step < ?');
  const remove = db.prepare('DELETE FROM staff_second_factors WHERE staff_id = ?');
  const removeCodes = db.prepare('DELETE FROM staff_recovery_codes WHERE staff_id = ?');
  const addCode = db.prepare('INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?, ?)');
  const spend = db.prepare('UPDATE staff_recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at IS NULL');
  const unused = db.prepare<[number], number>('SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL').pluck();
  const confirmedIds = db.prepare<[], number>('SELECT staff_id FROM staff_second_factors WHERE confirmed_at IS NOT NULL').pluck();

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
      return db.transaction(() => {
        if (confirm.run(now, step, staffId, secretSealed).changes !== 1) return false;
        removeCodes.run(staffId);
        for (const hash of codeHashes) addCode.run(staffId, hash);
        return true;
      })();
    },
    /** Accepts a code for time step `step` only if no code of that step or a later one was accepted: no replay. */
    acceptStep(staffId: number, step: number): boolean {
      return advance.run(step, staffId, step).changes === 1;
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
      return db.transaction(() => {
        removeCodes.run(staffId);
        return remove.run(staffId).changes === 1;
      })();
    },
  };
}
