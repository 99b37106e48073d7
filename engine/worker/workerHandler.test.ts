import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { runComparisonLine } from '../compare.ts';
import { COMPARISON_LINES } from '../contract/comparison.ts';
import { runProbe } from '../experiment.ts';
import type { FromWorker } from '../contract/protocol.ts';
import { quickProbe } from '../probe/quickProbe.ts';
import { correlationProbe } from '../probe/correlationProbe.ts';
import { createWorkerHandler } from './workerHandler.ts';

async function answerTo(message: Parameters<ReturnType<typeof createWorkerHandler>>[0]): Promise<Extract<FromWorker, { type: 'snapshot' }>> {
  const posted: FromWorker[] = [];
  await createWorkerHandler((m) => posted.push(m))(message);
  expect(posted).toHaveLength(1);
  expect(posted[0].type).toBe('snapshot');
  return posted[0] as Extract<FromWorker, { type: 'snapshot' }>;
}

describe('worker handler: configure', () => {
  it('answers a quick request with quickProbe where it applies, and with runProbe otherwise', async () => {
    const plain = withConfig({ depth: 6, width: 16, batch: 1 });
    expect((await answerTo({ type: 'configure', requestId: 1, config: plain, quick: true })).probe.stats).toEqual(quickProbe(plain).stats);
    expect((await answerTo({ type: 'configure', requestId: 2, config: plain })).probe.stats).toEqual(runProbe(plain).probe.stats);
    const residual = withConfig({ depth: 6, width: 16, batch: 1, residual: 1 });
    expect((await answerTo({ type: 'configure', requestId: 3, config: residual, quick: true })).probe.stats).toEqual(runProbe(residual).probe.stats);
  });

  it('gives each variant of a quick request its own quick probe', async () => {
    const config = withConfig({ depth: 6, width: 16, batch: 1, vs: 'gain:1.5' });
    const answer = await answerTo({ type: 'configure', requestId: 1, config, quick: true });
    expect(answer.variantProbes).toHaveLength(1);
    expect(answer.variantProbes![0]!.stats).toEqual(quickProbe({ ...config, gain: 1.5 }).stats);
  });
});

describe('worker handler: a newer request abandons a sliced one', () => {
  it('answers only the newest configure; the abandoned probe posts nothing', async () => {
    const posted: FromWorker[] = [];
    const handle = createWorkerHandler((m) => posted.push(m));
    const slow = withConfig({ depth: 40, width: 128, batch: 128 }); // many slices of work
    const fast = withConfig({ depth: 3, width: 8, batch: 4 });
    const first = handle({ type: 'configure', requestId: 1, config: slow });
    const second = handle({ type: 'configure', requestId: 2, config: fast });
    await Promise.all([first, second]);
    expect(posted.map((m) => m.type === 'snapshot' ? m.requestId : m.type)).toEqual([2]);
    expect((posted[0] as Extract<FromWorker, { type: 'snapshot' }>).probe.stats).toEqual(runProbe(fast).probe.stats);
  });

  it('gives a sliced probe bit for bit as runProbe, and a comparison line as runComparisonLine', async () => {
    const posted: FromWorker[] = [];
    const handle = createWorkerHandler((m) => posted.push(m));
    const config = withConfig({ depth: 12, width: 64, batch: 64, act: 'relu' });
    await handle({ type: 'configure', requestId: 1, config });
    await handle({ type: 'compareLine', requestId: 2, config, lineIndex: 3 });
    expect((posted[0] as Extract<FromWorker, { type: 'snapshot' }>).probe.stats).toEqual(runProbe(config).probe.stats);
    const line = posted[1] as Extract<FromWorker, { type: 'comparisonLine' }>;
    expect(line.result).toEqual(runComparisonLine(config, COMPARISON_LINES[3]));
  });
});

describe('worker handler: the effective receptive field', () => {
  it('answers with the map, or with the builder\'s refusal as an error', async () => {
    const posted: FromWorker[] = [];
    const handle = createWorkerHandler((m) => posted.push(m));
    await handle({ type: 'receptiveField', requestId: 7, request: { spec: 'tiny_vgg', input: [1, 28, 28], layer: 'conv2', seed: 1, init: 'he_normal' } });
    await handle({ type: 'receptiveField', requestId: 8, request: { spec: 'vgg16', input: [3, 224, 224], layer: null, seed: 1, init: 'he_normal' } });
    expect(posted.map((m) => m.type)).toEqual(['receptiveField', 'error']);
    const erf = posted[0] as Extract<FromWorker, { type: 'receptiveField' }>;
    expect(erf.result).toMatchObject({ layer: 'conv2', theoretical: 5, height: 28, width: 28 });
    expect(erf.result.map).toHaveLength(28 * 28);
    expect((posted[1] as Extract<FromWorker, { type: 'error' }>).message).toMatch(/Use a smaller network/);
  });
});

describe('worker handler: correlation', () => {
  it('answers with the correlation probe of the config, and with an error where it does not apply', async () => {
    const posted: FromWorker[] = [];
    const handle = createWorkerHandler((m) => posted.push(m));
    const config = withConfig({ depth: 5, width: 64, act: 'tanh', init: 'xavier_normal' });
    await handle({ type: 'correlation', requestId: 7, config, c0: 0.9 });
    await handle({ type: 'correlation', requestId: 8, config: withConfig({ norm: 'batch' }), c0: 0.9 });
    expect(posted[0]).toEqual({ type: 'correlation', requestId: 7, c0: 0.9, measured: Array.from(correlationProbe(config, 0.9)) });
    expect(posted[1]).toMatchObject({ type: 'error', requestId: 8 });
  });
});
