#!/usr/bin/env node
// npm test: every check, in order, stopping at the first failure with its exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const STAGES = [
  { name: 'Type check', command: 'npx', args: ['--no-install', 'tsc', '--noEmit', '-p', '.'] },
  // The engine alone, without the DOM library: it runs in a worker and in Node, never in a page.
  { name: 'Type check (engine, no DOM)', command: 'npx', args: ['--no-install', 'tsc', '--noEmit', '-p', 'engine'] },
  { name: 'Unit tests', command: 'npx', args: ['--no-install', 'vitest', 'run'] },
  { name: 'Chromium', command: process.execPath, args: ['scripts/check-chromium.mjs'] },
  { name: 'Production build', command: 'npx', args: ['--no-install', 'vite', 'build'] },
  // The build above is what the e2e tests serve: E2E_SKIP_BUILD keeps playwright from building again.
  { name: 'End-to-end tests', command: 'npx', args: ['--no-install', 'playwright', 'test'], env: { E2E_SKIP_BUILD: '1' } },
];

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...stage.env } });
    child.on('error', (error) => {
      console.error(`could not start ${stage.command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

const started = Date.now();
for (const [i, stage] of STAGES.entries()) {
  const line = '='.repeat(72);
  console.log(`\n${line}\n[${i + 1}/${STAGES.length}] ${stage.name}: ${[stage.command === process.execPath ? 'node' : stage.command, ...stage.args].join(' ')}\n${line}`);
  const t = Date.now();
  const code = await run(stage);
  if (code !== 0) {
    console.error(`\n✗ ${stage.name} failed (exit code ${code}); later stages were not run.`);
    process.exit(code);
  }
  console.log(`✓ ${stage.name} passed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
console.log(`\nAll ${STAGES.length} stages passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
