import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type RawBuilder,
} from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Kysely is used here as a compiler only ("split build and execution", in its documentation):
 * a query is written once as a `sql` template and Kysely writes it in each dialect's own
 * placeholders. The statements run through better-sqlite3 or pg, synchronously, as every
 * repository and service of the portal always has (see database.ts).
 */
const compilers: Record<Dialect, Kysely<unknown>> = {
  sqlite: new Kysely<unknown>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/** Stands in for the n-th argument while a statement is compiled. */
class Argument {
  constructor(readonly index: number) {}
}

/** Where each bound value of a compiled statement comes from: an argument, or a constant of the template. */
type Binding = { argument: number } | { constant: unknown };

export interface CompiledStatement {
  sql: string;
  bind(args: readonly unknown[]): unknown[];
}

/**
 * Compiles a statement's template once, for one dialect. `build` must be a plain template of its
 * arguments (no branching on their values): it is called once with stand-ins, and every later call
 * binds the real values in the stand-ins' places.
 */
export function compileStatement<A extends unknown[]>(dialect: Dialect, build: (...args: A) => RawBuilder<unknown>): CompiledStatement {
  const standIns = Array.from({ length: build.length }, (_, index) => new Argument(index));
  const compiled = (build as unknown as (...args: unknown[]) => RawBuilder<unknown>)(...standIns).compile(compilers[dialect]);
  const bindings: Binding[] = compiled.parameters.map((value) =>
    value instanceof Argument ? { argument: value.index } : { constant: value },
  );
  return {
    sql: compiled.sql,
    bind: (args) => bindings.map((b) => ('argument' in b ? args[b.argument] : b.constant)),
  };
}
