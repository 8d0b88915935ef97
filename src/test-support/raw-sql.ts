/**
 * SQL typed by hand, as a clerk would at a database console: tests use it to look into the
 * database or to set a scene. One statement in plain SQL that both dialects read alike, a `?` for
 * each value (never inside a quoted string). The portal itself never does this: its repositories
 * write every statement as a Kysely template (database.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database, Statement } from '../db/engine/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of SQL typed by hand: the test says what it expects
export function prepare(db: Database, text: string): Statement<unknown[], any> {
  const parts = text.split('?');
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  const build = (...values: unknown[]): RawBuilder<unknown> => sql(strings, ...values);
  // The compiler gives a statement as many arguments as its build function declares.
  Object.defineProperty(build, 'length', { value: parts.length - 1 });
  return db.statement(build);
}
