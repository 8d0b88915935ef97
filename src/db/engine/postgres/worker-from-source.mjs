// Starts worker.ts when the portal runs from its TypeScript sources (tests, benchmarks):
// on Node 20 a worker thread does not inherit tsx from `--import tsx`, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
