#!/usr/bin/env node
// The `myrecord` command (npx myrecord …). The TypeScript is built to dist/ by `npm install`.
import '../dist/cli.js';
