/**
 * The seam between the page and the engine, held by a test (no lint plugin needed): the app reaches
 * the engine only through engine/contract/ (what crosses the worker boundary) and the worker entry;
 * the contract stands on nothing else; the engine never reaches into the app or a UI library.
 * Tests are exempt on the app side: they check the app's words (presets' notes) against the engine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** Every import of a file, as [specifier, repo-relative target or the package name]. */
function importsOf(file: string): [string, string][] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => {
    const spec = m[1];
    return [spec, spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec];
  });
}

/** "file imports target" for each import that breaks the rule. */
function violations(files: readonly string[], allowed: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(([, target]) => !allowed(target, file)).map(([, target]) => `${file} imports ${target}`));
}

describe('architecture', () => {
  it('the app imports the engine only through engine/contract/ and the worker entry', () => {
    const app = sources('app').filter((f) => !isTest(f));
    expect(app.length).toBeGreaterThan(50);
    expect(violations(app, (target, file) => {
      if (!target.startsWith('engine/')) return true;
      if (target.startsWith('engine/contract/')) return true;
      return target === 'engine/worker/workerHandler.ts' && file === 'app/engine/probe.worker.ts';
    })).toEqual([]);
  });

  it('the contract stands on nothing but itself (no engine internals, no packages)', () => {
    const contract = sources('engine/contract').filter((f) => !isTest(f));
    expect(contract.length).toBeGreaterThan(5);
    expect(violations(contract, (target) => target.startsWith('engine/contract/'))).toEqual([]);
  });

  it('the engine never imports the app, React, d3 or zustand', () => {
    const engine = sources('engine');
    expect(violations(engine, (target) => !target.startsWith('app/') && !/^(react|react-dom|d3-|zustand|katex)/.test(target))).toEqual([]);
  });

  it('catches a forbidden import (the rule is not vacuous)', () => {
    expect(importsOf('app/engine/probe.worker.ts').map(([, t]) => t)).toContain('engine/worker/workerHandler.ts');
    const onlyContract = (target: string) => !target.startsWith('engine/') || target.startsWith('engine/contract/');
    expect(violations(['app/engine/probe.worker.ts'], onlyContract)).toEqual(['app/engine/probe.worker.ts imports engine/worker/workerHandler.ts']);
  });
});
