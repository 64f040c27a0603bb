#!/usr/bin/env node
// Regenerates the README's playground screenshots: runs the browser tests (test/browser, which save a
// screenshot of each view to .tmp/playground/) and copies them to docs/images/playground-<view>.png.
// Needs Chromium at /usr/bin/chromium (apt-get install -y chromium) or REESIM_CHROMIUM.
//
// Run: npm run screenshots
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';

const run = spawnSync('npx', ['vitest', 'run', 'test/browser'], {
  stdio: 'inherit',
  env: { ...process.env, REESIM_BROWSER_TESTS: '1' },
});
if (run.status !== 0) process.exit(run.status ?? 1);
mkdirSync('docs/images', { recursive: true });
for (const view of ['design', 'parallel', 'supply']) {
  copyFileSync(`.tmp/playground/${view}.png`, `docs/images/playground-${view}.png`);
  console.log(`docs/images/playground-${view}.png`);
}
