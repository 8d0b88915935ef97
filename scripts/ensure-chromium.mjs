#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium: CHROMIUM_PATH, else Debian's package
// (installed with apt when running as root on Debian), else Playwright's own download.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (candidates.some((path) => existsSync(path))) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = (command) => {
  console.log(`ensure-chromium: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
if (isRoot && existsSync('/usr/bin/apt-get')) {
  run('apt-get update -qq');
  run('apt-get install -y -qq chromium');
} else {
  run('npx playwright install chromium');
}
