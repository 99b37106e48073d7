import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import { planCells, TRAINABILITY_PLAN, type TrainabilityResult } from '../../engine/contract/trainability.ts';
import { mapWorkerCount, runTrainabilityMap } from './trainabilityPool.ts';
import type { WorkerLike } from './workerHost.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  terminated = false;
  readonly sent: ToWorker[] = [];
  postMessage(message: ToWorker): void { this.sent.push(message); }
  terminate(): void { this.terminated = true; }
  reply(message: FromWorker): void { this.onmessage?.({ data: message } as MessageEvent<FromWorker>); }
  /** Answer the last cell sent with accuracy = its index / 1000. */
  answer(): void {
    const last = this.sent[this.sent.length - 1];
    if (last.type !== 'trainabilityCell') throw new Error('no cell in flight');
    this.reply({ type: 'trainabilityCell', requestId: last.requestId, result: { index: last.cell.index, testAccuracy: last.cell.index / 1000, trainAccuracy: 0, trainLoss: 0, diverged: false } });
  }
}

const cells = planCells(7).slice(0, 5);

function start(workers: number) {
  const fakes: FakeWorker[] = [];
  const results: TrainabilityResult[] = [];
  const run = runTrainabilityMap(cells, workers, () => { const w = new FakeWorker(); fakes.push(w); return w; }, (r) => results.push(r));
  return { run, fakes, results };
}

describe('the trainability map pool', () => {
  it('caps the workers at the cores and at 8, at least 1', () => {
    expect([mapWorkerCount(undefined), mapWorkerCount(0), mapWorkerCount(1), mapWorkerCount(4), mapWorkerCount(64)]).toEqual([2, 1, 1, 4, 8]);
  });

  it('keeps every worker busy with one cell until the queue is empty, and reports each cell once', async () => {
    const { run, fakes, results } = start(2);
    expect(fakes).toHaveLength(2);
    expect(fakes.map((f) => f.sent.length)).toEqual([1, 1]);
    fakes[1].answer();
    expect(fakes[1].sent).toHaveLength(2);
    fakes[0].answer(); fakes[1].answer(); fakes[0].answer(); fakes[1].answer();
    expect(await run.done).toEqual({ kind: 'finished' });
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(cells.map((c) => c.index).sort((a, b) => a - b));
    expect(fakes.every((f) => f.terminated)).toBe(true);
  });

  it('cancel ends every worker at once and a late answer is not heard', async () => {
    const { run, fakes, results } = start(3);
    fakes[0].answer();
    run.cancel();
    expect(await run.done).toEqual({ kind: 'cancelled' });
    expect(fakes.every((f) => f.terminated)).toBe(true);
    fakes[1].answer();
    expect(results).toHaveLength(1);
  });

  it('a worker error ends the run with its message', async () => {
    const { run, fakes } = start(2);
    fakes[0].reply({ type: 'error', requestId: 1, message: 'out of memory' });
    expect(await run.done).toEqual({ kind: 'failed', message: 'out of memory' });
    expect(TRAINABILITY_PLAN.rows * TRAINABILITY_PLAN.columns).toBe(planCells(1).length);
  });
});
