import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './sql-statement.js';

/**
 * The few SQL expressions the two databases spell differently, each written once for both.
 * Called inside a statement's template, with the statement's own argument.
 */

/** The ids of a JSON array of numbers, as a subquery: `x IN (${idsOf(dialect, ids)})`. */
export function idsOf(dialect: Dialect, jsonArray: string): RawBuilder<unknown> {
  return dialect === 'postgres'
    ? sql`SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(${jsonArray} AS JSON))`
    : sql`SELECT value FROM json_each(${jsonArray})`;
}

/** A JSON object of name/value pairs, as text: `${jsonObjectText(dialect, sql`'code', p.code`)}`. */
export function jsonObjectText(dialect: Dialect, pairs: RawBuilder<unknown>): RawBuilder<unknown> {
  // pg would parse a json value into an object; as text it reads the same from both databases.
  return dialect === 'postgres' ? sql`CAST(json_build_object(${pairs}) AS TEXT)` : sql`json_object(${pairs})`;
}
