import { describe, expect, it } from 'vitest';
import { withConfig } from './config.ts';
import { runProbe } from './experiment.ts';
import type { FromWorker } from './protocol.ts';
import { quickProbe } from './probe/quickProbe.ts';
import { createWorkerHandler } from './workerHandler.ts';

function answerTo(message: Parameters<ReturnType<typeof createWorkerHandler>>[0]): Extract<FromWorker, { type: 'snapshot' }> {
  const posted: FromWorker[] = [];
  void createWorkerHandler((m) => posted.push(m))(message);
  expect(posted).toHaveLength(1);
  expect(posted[0].type).toBe('snapshot');
  return posted[0] as Extract<FromWorker, { type: 'snapshot' }>;
}

describe('worker handler: configure', () => {
  it('answers a quick request with quickProbe where it applies, and with runProbe otherwise', () => {
    const plain = withConfig({ depth: 6, width: 16, batch: 1 });
    expect(answerTo({ type: 'configure', requestId: 1, config: plain, quick: true }).probe.stats).toEqual(quickProbe(plain).stats);
    expect(answerTo({ type: 'configure', requestId: 2, config: plain }).probe.stats).toEqual(runProbe(plain).probe.stats);
    const residual = withConfig({ depth: 6, width: 16, batch: 1, residual: 1 });
    expect(answerTo({ type: 'configure', requestId: 3, config: residual, quick: true }).probe.stats).toEqual(runProbe(residual).probe.stats);
  });

  it('gives each variant of a quick request its own quick probe', () => {
    const config = withConfig({ depth: 6, width: 16, batch: 1, vs: 'gain:1.5' });
    const answer = answerTo({ type: 'configure', requestId: 1, config, quick: true });
    expect(answer.variantProbes).toHaveLength(1);
    expect(answer.variantProbes![0]!.stats).toEqual(quickProbe({ ...config, gain: 1.5 }).stats);
  });
});
