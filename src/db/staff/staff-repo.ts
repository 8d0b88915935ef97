import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../../domain/staff/staff.js';
import type { Locale } from '../../domain/shared/locale.js';

interface StaffRow {
  id: number;
  username: string;
  /** The account's roles, comma-separated (group_concat, string_agg on PostgreSQL). */
  roles: string;
  password_hash: string;
  password_changed_at: number;
  disabled_at: number | null;
  language: Locale | null;
  email: string | null;
}

const toStaff = (row: StaffRow): StaffMember => ({
  id: row.id,
  username: row.username,
  // Sorted as STAFF_ROLES lists them, so pages and tests see them in one order.
  roles: STAFF_ROLES.filter((role) => row.roles.split(',').includes(role)),
  passwordHash: row.password_hash,
  passwordChangedAt: row.password_changed_at,
  disabledAt: row.disabled_at,
  language: row.language,
  email: row.email,
});

export type StaffRepo = ReturnType<typeof createStaffRepo>;

export function createStaffRepo(database: Database) {
  const rolesOf = database.dialect === 'postgres' ? sql`string_agg(r.role, ',')` : sql`group_concat(r.role)`;
  const SELECT = sql`SELECT s.*, (SELECT ${rolesOf} FROM staff_roles r WHERE r.staff_id = s.id) AS roles FROM staff s`;
  const byUsername = database.statement((username: string) => sql<StaffRow>`${SELECT} WHERE s.username = ${username}`);
  const byId = database.statement((id: number) => sql<StaffRow>`${SELECT} WHERE s.id = ${id}`);
  const all = database.statement(() => sql<StaffRow>`${SELECT} ORDER BY s.username`);
  const insert = database.statement((username: string, hash: string, changedAt: number, now: number) => sql<{ id: number }>`
    INSERT INTO staff (username, password_hash, password_changed_at, created_at) VALUES (${username}, ${hash}, ${changedAt}, ${now}) RETURNING id`).pluck();
  const clearRoles = database.statement((id: number) => sql`DELETE FROM staff_roles WHERE staff_id = ${id}`);
  const addRole = database.statement((id: number, role: StaffRole) => sql`INSERT INTO staff_roles (staff_id, role) VALUES (${id}, ${role})`);
  const withRole = database.statement((role: StaffRole) => sql<StaffRow>`
    ${SELECT} WHERE s.disabled_at IS NULL AND s.id IN (SELECT staff_id FROM staff_roles WHERE role IN (${role}, 'admin')) ORDER BY s.username`);
  const setPassword = database.statement((hash: string, at: number, id: number) =>
    sql`UPDATE staff SET password_hash = ${hash}, password_changed_at = ${at} WHERE id = ${id}`);
  const upgrade = database.statement((hash: string, id: number, expected: string) =>
    sql`UPDATE staff SET password_hash = ${hash} WHERE id = ${id} AND password_hash = ${expected}`);
  const setDisabled = database.statement((at: number | null, id: number) => sql`UPDATE staff SET disabled_at = ${at} WHERE id = ${id}`);
  const setLanguage = database.statement((language: Locale, id: number) => sql`UPDATE staff SET language = ${language} WHERE id = ${id}`);
  const setEmail = database.statement((email: string | null, id: number) => sql`UPDATE staff SET email = ${email} WHERE id = ${id}`);
  const adminsWithEmail = database.statement(() => sql<StaffRow>`
    ${SELECT} WHERE s.disabled_at IS NULL AND s.email IS NOT NULL AND s.id IN (SELECT staff_id FROM staff_roles WHERE role = 'admin') ORDER BY s.username`);

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
    /** A new account with its roles; call inside a transaction. */
    insert(username: string, roles: readonly StaffRole[], passwordHash: string, now: number): number {
      const id = insert.get(username, passwordHash, now, now)!;
      for (const role of roles) addRole.run(id, role);
      return id;
    },
    /** Replaces the account's roles; call inside a transaction. */
    setRoles(id: number, roles: readonly StaffRole[]): void {
      clearRoles.run(id);
      for (const role of roles) addRole.run(id, role);
    },
    /** Active accounts that may work where `role` is needed (with it, or admins). */
    withRole(role: StaffRole): StaffMember[] {
      return withRole.all(role).map(toStaff);
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
    setEmail(id: number, email: string | null): void {
      setEmail.run(email, id);
    },
    /** Active admins with an e-mail address: who the attack alert is mailed to. */
    adminsWithEmail(): StaffMember[] {
      return adminsWithEmail.all().map(toStaff);
    },
  };
}
