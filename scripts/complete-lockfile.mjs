#!/usr/bin/env node
// Adds package-lock entries for platform-specific optional dependencies (esbuild, rollup, biome,
// lightningcss ... binaries for other operating systems) that the npm registry mirror of this project's
// machines does not serve. npm omits them from the lock when it cannot fetch them, and `npm ci` then
// refuses the lock ("Missing: @esbuild/darwin-arm64@ from lock file"). The added entries carry `os` and
// `cpu`, so npm skips them on every other platform without fetching anything.
//
// Run after every `npm install` that changes the lock:  node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'win32',
  'aix',
  'sunos',
  'openbsd',
  'netbsd',
  'openharmony',
  'wasm32',
];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
const ALIAS = { win32: ['win32', 'windows', 'win'], arm: ['arm', 'armv7', 'gnueabihf', 'eabi'] };

function platformOf(name) {
  const tokens = name.replace(/^@[^/]+\//, '').split(/[-/]/);
  const os = OS.find((o) => tokens.includes(o) || (ALIAS[o] ?? []).some((a) => tokens.includes(a)));
  const cpu =
    CPU.find((c) => tokens.includes(c)) ??
    (tokens.some((t) => (ALIAS.arm ?? []).includes(t)) ? 'arm' : undefined);
  const libc = tokens.includes('musl')
    ? 'musl'
    : os === 'linux' && (tokens.includes('gnu') || tokens.includes('gnueabihf'))
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue; // only exact pins are platform binaries
    const nested = `${key ? `${key}/` : ''}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue;
    packages[`node_modules/${dep}`] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
