import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import type { RunView } from '../../store/trainSlice.ts';
import type { LabState } from '../../store/labStore.ts';
import { named, RUNNING_REFRESH_MS, runNames, runTitle, selectLatestThrottled, type ShownRun } from './runs.ts';
import { pickLayers, skipLeading } from './shared.ts';

const config = (query: string) => parseQuery(query).config;
const shown = (query: string, role: ShownRun['role'], name: string): ShownRun =>
  ({ role, run: {} as RunView, config: config(query), name, color: 'red' });

describe('run names and titles', () => {
  it('names each run by the keys vs overrides, with its own values', () => {
    expect(runNames(config('data=digits&norm=batch&vs=norm:none'))).toEqual({ primary: 'norm:batch', variant: 'norm:none' });
    expect(runNames(config('data=digits&vs=lr:0.01,norm:batch'))).toEqual({ primary: 'lr:0.1, norm:none', variant: 'lr:0.01, norm:batch' });
    expect(runNames(config('data=digits'))).toEqual({ primary: '', variant: '' });
  });

  it('adds the run name to a label only beside a variant', () => {
    expect(named('test', shown('data=digits', 'primary', ''))).toBe('test');
    expect(named('test', shown('data=digits', 'variant', 'norm:batch'))).toBe('test (norm:batch)');
  });

  it('titles by batch norm, and by the overrides when both runs share it', () => {
    const without = shown('data=digits', 'primary', 'norm:none');
    const withBn = shown('data=digits&norm=batch', 'variant', 'norm:batch');
    expect([runTitle(without, [without, withBn]), runTitle(withBn, [without, withBn])]).toEqual(['Without BN', 'With BN']);
    const slow = shown('data=digits&norm=batch', 'primary', 'lr:0.1');
    const fast = shown('data=digits&norm=batch&lr=1', 'variant', 'lr:1');
    expect(runTitle(fast, [slow, fast])).toBe('With BN (lr:1)');
    expect(runTitle(shown('data=digits', 'primary', ''), [])).toBe('Without BN');
  });
});

describe('panel helpers', () => {
  it('drops the leading NaN of the training mean at step 0, and nothing else', () => {
    const s = skipLeading({ steps: Float64Array.from([0, 50, 100]), values: Float64Array.from([NaN, 1, NaN]) });
    expect(Array.from(s.steps)).toEqual([50, 100]);
    expect(Array.from(s.values)).toEqual([1, NaN]);
  });

  it('picks at most five layers, the first and the last among them', () => {
    expect(pickLayers(3)).toEqual([0, 1, 2]);
    expect(pickLayers(100)).toEqual([0, 25, 50, 74, 99]);
  });
});

describe('selectLatestThrottled', () => {
  const action = () => undefined;
  const circles = config('data=circles');
  const state = (train: object | null, status: LabState['trainStatus'], cfg = circles) =>
    ({ trainSnapshotArrived: action, train, trainVariant: null, trainConfig: cfg, trainStatus: status }) as unknown as LabState;

  it('passes a new run view while running only every RUNNING_REFRESH_MS, and any other change at once', () => {
    const a = {}, b = {}, c = {};
    const first = selectLatestThrottled(state(a, 'running'), 1000);
    expect(first.train).toBe(a);
    expect(selectLatestThrottled(state(a, 'running'), 1001)).toBe(first); // nothing changed: the same object
    expect(selectLatestThrottled(state(b, 'running'), 1000 + RUNNING_REFRESH_MS / 2)).toBe(first); // throttled
    expect(selectLatestThrottled(state(b, 'running'), 1000 + RUNNING_REFRESH_MS).train).toBe(b);
    expect(selectLatestThrottled(state(c, 'paused'), 1000 + RUNNING_REFRESH_MS + 1).train).toBe(c); // stopped: at once
    expect(selectLatestThrottled(state(a, 'running', config('data=moons')), 1000 + RUNNING_REFRESH_MS + 2).train).toBe(a); // a new run: at once
  });

  it('keeps one value per store', () => {
    const other = () => undefined;
    const a = {}, b = {};
    selectLatestThrottled(state(a, 'running'), 5000);
    const elsewhere = selectLatestThrottled({ ...state(b, 'running'), trainSnapshotArrived: other } as LabState, 5001);
    expect(elsewhere.train).toBe(b);
  });
});
