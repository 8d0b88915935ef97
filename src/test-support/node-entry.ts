/**
 * How a test starts one of the project's modules in a Node process of its own: the compiled module
 * when the tests themselves run compiled (`npm test` runs dist-test/, scripts/build-tests.mjs), else
 * the TypeScript through tsx (a test file run by hand from src/). tsx costs a process about a second.
 */
import { fileURLToPath } from 'node:url';

const compiled = import.meta.url.endsWith('.js');

/** The arguments after `node` that run `sourcePath` (a path under src/, e.g. 'src/server.ts'). */
export function nodeArgs(sourcePath: string): string[] {
  if (!compiled) return ['--import', 'tsx', sourcePath];
  const inTree = sourcePath.replace(/^src\//, '').replace(/\.ts$/, '.js');
  return [fileURLToPath(new URL(`../${inTree}`, import.meta.url))];
}
