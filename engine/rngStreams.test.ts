import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng.ts';
import { AUG_STREAM, CONFIG_SEED_STREAMS, DATA_STREAM, PRETRAIN_STREAM, streamNumbers, TRAINABILITY_STREAM } from './rngStreams.ts';

const ENGINE = fileURLToPath(new URL('.', import.meta.url));

function engineSources(dir: string): string[] {
  return readdirSync(path.join(ENGINE, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ENGINE, rel)).isDirectory()) return engineSources(rel);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [rel] : [];
  });
}

/** The names that take a number more than once, with their numbers. */
function collisions(registry: Parameters<typeof streamNumbers>[0]): string[] {
  const byNumber = new Map<number, string[]>();
  for (const { name, stream } of streamNumbers(registry)) byNumber.set(stream, [...(byNumber.get(stream) ?? []), name]);
  return [...byNumber].filter(([, names]) => names.length > 1).map(([stream, names]) => `${stream}: ${names.join(', ')}`);
}

describe('random streams of the config seed', () => {
  it('lists every stream once, each a non-negative integer', () => {
    const all = streamNumbers(CONFIG_SEED_STREAMS);
    expect(all.length).toBe(18); // a new stream adds one here too
    for (const { name, stream } of all) expect(Number.isInteger(stream) && stream >= 0, name).toBe(true);
  });

  it('gives every purpose its own number (a new stream takes a new number)', () => {
    expect(collisions(CONFIG_SEED_STREAMS)).toEqual([]);
  });

  it('keeps the augmentations off the ntrain subset (they shared 61)', () => {
    expect(DATA_STREAM.subset).toBe(61);
    expect(AUG_STREAM).toBe(62);
  });

  it('keeps pretraining on 71-73, where its presets were measured', () => {
    expect(Object.values(PRETRAIN_STREAM)).toEqual([71, 72, 73]);
  });

  it('distinct numbers give distinct sequences for every seed tried', () => {
    const all = streamNumbers(CONFIG_SEED_STREAMS);
    for (const seed of [0, 1, 2, 3, 42, 0xffffffff]) {
      const firsts = new Set(all.map(({ stream }) => createRng(deriveSeed(seed, stream)).nextUint32()));
      expect(firsts.size, `seed ${seed}`).toBe(all.length);
    }
  });

  it('the trainability map (its own seed space) has distinct numbers too', () => {
    expect(collisions({ TRAINABILITY_STREAM })).toEqual([]);
  });

  it('no engine module declares a stream of its own outside the registry', () => {
    const local = engineSources('.').filter((file) => file !== 'rngStreams.ts')
      .filter((file) => /\bconst\s+\w*STREAM\w*\s*=/.test(readFileSync(path.join(ENGINE, file), 'utf8')));
    expect(local).toEqual([]);
  });
});
