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

/** Stands in for the n-th argument, or for one property of it, while a statement is compiled. */
class Argument {
  constructor(readonly argumentIndex: number, readonly argumentProperty?: string) {}
}

/**
 * The stand-in for an argument: used as a value it is the argument; `p.name` is the argument's
 * property `name`, so a statement may take one object of named values as well as plain values.
 */
function standIn(index: number): unknown {
  return new Proxy(new Argument(index), {
    get: (target, property) => (typeof property === 'string' && !(property in target) ? new Argument(index, property) : (Reflect.get(target, property) as unknown)),
  });
}

/** Where each bound value of a compiled statement comes from: an argument (or its property), or a constant of the template. */
type Binding = { argument: number; property: string | undefined } | { constant: unknown };

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
  const standIns = Array.from({ length: build.length }, (_, index) => standIn(index));
  const compiled = (build as unknown as (...args: unknown[]) => RawBuilder<unknown>)(...standIns).compile(compilers[dialect]);
  const bindings: Binding[] = compiled.parameters.map((value) =>
    value instanceof Argument ? { argument: value.argumentIndex, property: value.argumentProperty } : { constant: value },
  );
  return {
    sql: compiled.sql,
    bind: (args) =>
      bindings.map((b) => {
        if (!('argument' in b)) return b.constant;
        const arg = args[b.argument];
        // An absent optional value is NULL, as better-sqlite3 reads a named parameter given undefined.
        return (b.property === undefined ? arg : (arg as Record<string, unknown>)[b.property]) ?? null;
      }),
  };
}
