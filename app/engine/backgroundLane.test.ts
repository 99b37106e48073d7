import { describe, expect, it } from 'vitest';
import { COMPARISON_LINES } from '../../engine/contract/comparison.ts';
import { withConfig, type Config } from '../../engine/contract/config.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import { createBackgroundLane, requestOf, type BackgroundJob } from './backgroundLane.ts';
import type { Answer } from './workerHost.ts';

const big = (gain: number) => withConfig({ depth: 50, width: 256, batch: 256, gain });
const probe = { depth: 50 } as ProbeData;
const snapshot: Answer = { type: 'snapshot', requestId: 1, probe, variantProbes: [], variantProblems: [], elapsedMs: 3 };
const line = (lineIndex: number): Answer => ({ type: 'comparisonLine', requestId: 1, lineIndex, result: {} as never, elapsedMs: 1 });

function lane(playing = () => false) {
  const lines: string[] = [];
  const background = createBackgroundLane({ comparisonLine: (c, i) => lines.push(`${c.depth} ${i}`) }, playing);
  /** Answer every job with a snapshot or its line until the lane has nothing left; the jobs, in order. */
  const drain = (): BackgroundJob[] => {
    const done: BackgroundJob[] = [];
    for (let job = background.next(); job; job = background.next()) {
      done.push(job);
      background.answer(job, job.kind === 'compare' ? line(job.lineIndex) : snapshot);
    }
    return done;
  };
  return { background, lines, drain };
}

describe('background lane', () => {
  it('previews the anticipated configs ahead, most likely first, then fills the comparison line by line', () => {
    const { background, lines, drain } = lane();
    background.retarget(withConfig({ depth: 3 }));
    background.anticipate([big(1.05), withConfig({ depth: 50, width: 256, batch: 256, residual: 1 }), big(0.95)]); // no quick probe for the middle one
    const jobs = drain();
    expect(jobs.map((j) => (j.kind === 'compare' ? `line ${j.lineIndex}` : `${j.config.gain} ${j.config.batch}`)))
      .toEqual(['1.05 1', '0.95 1', ...COMPARISON_LINES.map((_, i) => `line ${i}`)]);
    expect(lines).toHaveLength(COMPARISON_LINES.length);
    expect(background.computed({ ...big(1.05), batch: 1 })).toMatchObject({ probe, elapsedMs: 3 });
    expect(requestOf(jobs[0], 7)).toEqual({ type: 'configure', requestId: 7, config: jobs[0].config, quick: true });
  });

  it('waits while training plays', () => {
    let playing = true;
    const { background } = lane(() => playing);
    background.retarget(withConfig({ depth: 3 }));
    expect(background.next()).toBeNull();
    playing = false;
    expect(background.next()).toMatchObject({ kind: 'compare', lineIndex: 0 });
  });

  it('keeps the newest 24 previews computed ahead', () => {
    const { background, drain } = lane();
    const gains = Array.from({ length: 25 }, (_, i) => 1 + i / 100);
    background.anticipate(gains.slice(0, 24).map(big));
    expect(drain()).toHaveLength(24);
    background.anticipate([big(gains[24])]); // a list longer than the cache would be previewed round and round
    expect(drain()).toHaveLength(1);
    const computed = (gain: number) => background.computed({ ...big(gain), batch: 1 });
    expect(computed(gains[0])).toBeUndefined();
    expect(computed(gains[1])).toBeDefined();
    expect(computed(gains[24])).toBeDefined();
  });

  it('gives up the list ahead, or the comparison, when the worker refuses one of its requests', () => {
    const { background } = lane();
    background.retarget(withConfig({ depth: 3 }));
    background.anticipate([big(1.05), big(0.95)]);
    const ahead = background.next()!;
    background.answer(ahead, { type: 'error', requestId: 1, message: 'too big' });
    const compare = background.next()!;
    expect(compare).toMatchObject({ kind: 'compare', lineIndex: 0 });
    background.answer(compare, { type: 'error', requestId: 2, message: 'too big' });
    expect(background.next()).toBeNull();
  });

  it('keeps its place for an equivalent config, ignores a line for another, and starts over after the worker ends', () => {
    const { background, lines } = lane();
    const c: Config = withConfig({ depth: 3 });
    background.retarget(c);
    background.answer(background.next()!, line(0));
    background.retarget(withConfig({ depth: 3, init: 'he_normal' })); // the comparison does not depend on it
    const second = background.next()!;
    expect(second).toMatchObject({ kind: 'compare', lineIndex: 1, config: c });
    background.retarget(withConfig({ depth: 4 }));
    background.answer(second, line(1)); // for depth 3: too late
    expect(lines).toEqual(['3 0']);
    expect(background.next()).toMatchObject({ lineIndex: 0, config: { depth: 4 } });
    background.end();
    expect(background.next()).toBeNull(); // until a config is run again
  });
});
