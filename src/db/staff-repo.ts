import type { Db } from './connection.js';
import type { StaffMember, StaffRole } from '../domain/staff.js';
import type { Locale } from '../domain/locale.js';

interface StaffRow {
  id: number;
  username: string;
  role: StaffRole;
  password_hash: string;
  password_changed_at: number;
  disabled_at: number | null;
  language: Locale | null;
}

const toStaff = (row: StaffRow): StaffMember => ({
  id: row.id,
  username: row.username,
  role: row.role,
  passwordHash: row.password_hash,
  passwordChangedAt: row.password_changed_at,
  disabledAt: row.disabled_at,
  language: row.language,
});

export type StaffRepo = ReturnType<typeof createStaffRepo>;

export function createStaffRepo(db: Db) {
  const byUsername = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE username = ?');
  const byId = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const all = db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY username');
  const insert = db.prepare(
    'INSERT INTO staff (username, role, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const setPassword = db.prepare('UPDATE staff SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const upgrade = db.prepare('UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?');
  const setDisabled = db.prepare('UPDATE staff SET disabled_at = ? WHERE id = ?');
  const setLanguage = db.prepare('UPDATE staff SET language = ? WHERE id = ?');

  return {
    findByUsername(username: string): StaffMember | undefined {
      const row = byUsername.get(username);
      return row && toStaff(row);
    },
    findById(id: number): StaffMember | undefined {
      const row = byId.get(id);
      return row && toStaff(row);
    },
    list(): StaffMember[] {
      return all.all().map(toStaff);
    },
    insert(username: string, role: StaffRole, passwordHash: string, now: number): number {
      return Number(insert.run(username, role, passwordHash, now, now).lastInsertRowid);
    },
    setPassword(id: number, passwordHash: string, now: number): void {
      setPassword.run(passwordHash, now, id);
    },
    /** A stronger hash of the same password, if the hash is still the one checked; the password's time stays. */
    upgradePasswordHash(id: number, expected: string, hash: string): boolean {
      return upgrade.run(hash, id, expected).changes === 1;
    },
    setDisabled(id: number, disabledAt: number | null): void {
      setDisabled.run(disabledAt, id);
    },
    setLanguage(id: number, language: Locale): void {
      setLanguage.run(language, id);
    },
  };
}
