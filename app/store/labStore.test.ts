import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../engine/contract/config.ts';
import type { ToWorker } from '../../engine/contract/protocol.ts';
import { STAT_COUNT, type ProbeData } from '../../engine/contract/probeLayout.ts';
import type { WorkerLike } from '../engine/engineClient.ts';
import { connectEngine } from './connectEngine.ts';
import { connectUrl, urlFor } from './connectUrl.ts';
import { createLabStore } from './labStore.ts';

/** Requests (every message but the page's 'drawn' acknowledgements of training snapshots). */
type Request = Exclude<ToWorker, { type: 'drawn' | 'receptiveField' | 'trainabilityCell' }>;

function fakeWorker(sent: Request[]): WorkerLike {
  return { onmessage: null, onerror: null, onmessageerror: null, postMessage: (m: ToWorker) => { if (m.type !== 'drawn' && m.type !== 'receptiveField' && m.type !== 'trainabilityCell') sent.push(m); }, terminate() {} };
}

function probeOf(depth: number): ProbeData {
  return { depth, widths: new Int32Array(depth), stats: new Float64Array(depth * STAT_COUNT), preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('lab store', () => {
  it('starts from the parsed link, problems included', () => {
    const store = createLabStore(parseQuery('?depth=7&zzz=1'));
    expect(store.getState().config.depth).toBe(7);
    expect(store.getState().problems.map((p) => p.key)).toEqual(['zzz']);
    store.getState().dismissProblems();
    expect(store.getState().problems).toEqual([]);
  });

  it('keeps the same config object when a patch changes nothing, so nothing reruns', () => {
    const store = createLabStore(parseQuery(''));
    const before = store.getState().config;
    store.getState().setConfig({ depth: before.depth });
    expect(store.getState().config).toBe(before);
    store.getState().setConfig({ depth: 3 });
    expect(store.getState().config).not.toBe(before);
    expect(store.getState().config.depth).toBe(3);
  });

  it('runs the engine on the first config and on every change, and records the answer', () => {
    const store = createLabStore(parseQuery('?depth=2&width=16'));
    const sent: Request[] = [];
    let worker: WorkerLike | null = null;
    connectEngine(store, () => (worker = fakeWorker(sent)));
    expect(store.getState().status).toBe('running');
    worker!.onmessage?.({ data: { type: 'snapshot', requestId: sent[0].requestId, probe: probeOf(2), variantProbes: [], variantProblems: [], elapsedMs: 12 } } as MessageEvent);
    expect(store.getState()).toMatchObject({ status: 'ready', elapsedMs: 12, probeConfig: store.getState().config });
    // With the probe answered, the worker fills in the initializer comparison, one line at a time.
    expect(sent.map((m) => m.type)).toEqual(['configure', 'compareLine']);
    store.getState().setConfig({ depth: 4 });
    expect(sent).toHaveLength(2); // the new probe waits for the line in flight, then goes first
    const line = { preM2: new Float64Array(2), gradM2: new Float64Array(2), theoryPreM2: new Float64Array(2), theoryGradM2: new Float64Array(2) };
    worker!.onmessage?.({ data: { type: 'comparisonLine', requestId: sent[1].requestId, lineIndex: 0, result: line, elapsedMs: 1 } } as MessageEvent);
    expect(store.getState().comparisonLines).toEqual([]); // that line was for depth 2: stale, dropped
    expect(sent.map((m) => `${m.type} ${m.config.depth}`)).toEqual(['configure 2', 'compareLine 2', 'configure 4']);
    worker!.onmessage?.({ data: { type: 'error', requestId: sent[2].requestId, message: 'no' } } as MessageEvent);
    expect(store.getState()).toMatchObject({ status: 'error', error: 'no' });
  });

  it('writes the config back to the address bar, defaults left out; a link without problems stays as written until then', () => {
    const store = createLabStore({ ...parseQuery('?act=tanh&depth=10'), openedLink: '?act=tanh&depth=10' });
    const urls: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => urls.push(url) } as unknown as History;
    const location = { pathname: '/lab/', hash: '#notes' } as Location;
    connectUrl(store, history, location);
    expect(urls).toEqual([]); // explicit defaults, the writer's order: kept until the config changes
    store.getState().setConfig({ act: 'relu' });
    store.getState().setConfig({ act: 'tanh' });
    expect(urls).toEqual(['/lab/?v=1&act=relu#notes', '/lab/#notes']);
    expect(urlFor(store.getState().config, location)).toBe('/lab/#notes');
  });

  it('corrects a link with problems at once: the address bar reproduces what is shown, the notice keeps the link as opened', () => {
    const opened = '?depth=abc&width=64&zzz=1';
    const store = createLabStore({ ...parseQuery(opened), openedLink: opened });
    const urls: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => urls.push(url) } as unknown as History;
    connectUrl(store, history, { pathname: '/', hash: '' } as Location);
    expect(urls).toEqual(['/?v=1&width=64']); // depth=abc fell back to the default, zzz is gone
    // Reopening the corrected link runs the same experiment, and has nothing to complain about.
    const again = parseQuery(urls[0].slice(1));
    expect(again.problems).toEqual([]);
    expect(again.config).toEqual(store.getState().config);
    // The broken link is still there to read, beside its problems, until they are dismissed.
    expect(store.getState().openedLink).toBe(opened);
    expect(store.getState().problems.map((p) => p.key)).toEqual(['depth', 'zzz']);
  });
});

describe('lab store: resource limits', () => {
  it('refuses a config too big for a tab without starting the worker, and runs the next sensible one', () => {
    const store = createLabStore(parseQuery('?depth=200&width=1024&batch=4096'));
    const sent: Request[] = [];
    connectEngine(store, () => fakeWorker(sent));
    expect(store.getState().status).toBe('refused');
    expect(store.getState().error).toMatch(/more than a browser tab can run/);
    expect(sent).toEqual([]);
    store.getState().setConfig({ depth: 5, width: 64, batch: 64 });
    expect(store.getState().status).toBe('running');
    expect(sent.map((m) => m.type)).toEqual(['configure']);
  });
});
