/** Types for postgres-for-tests.mjs, which the benchmark (TypeScript) imports. */
export function postgresBinDir(): string | undefined;
export function startPostgres(options?: {
  durable?: boolean;
}): { url: string; stop(): void; skipped?: undefined } | { skipped: string; url?: undefined; stop?: undefined };
