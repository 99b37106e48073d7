import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import type { RunView } from '../../store/trainSlice.ts';
import type { LabState } from '../../store/labStore.ts';
import { named, RUNNING_REFRESH_MS, runNames, runTitle, selectLatestThrottled, type ShownRun } from './runs.ts';
import { pickLayers, skipLeading } from './shared.ts';

const config = (query: string) => parseQuery(query).config;
const shown = (query: string, role: ShownRun['role'], name: string): ShownRun =>
  ({ role, id: role, run: {} as RunView, config: config(query), name, color: 'red' });

describe('run names and titles', () => {
  it('names every run in words by the keys vs overrides, with its own values', () => {
    expect(runNames(config('data=digits&norm=batch&vs=norm:none'))).toEqual(['with batch norm', 'without batch norm']);
    expect(runNames(config('data=digits&vs=lr:0.01,norm:batch'))).toEqual(['learning rate 0.1, without batch norm', 'learning rate 0.01, with batch norm']);
    expect(runNames(config('data=spiral&depth=30&vs=depth:6;residual:1'))).toEqual(['30 layers, plain', '6 layers, plain', '30 layers, residual']);
    expect(runNames(config('data=digits&depth=20&aux1=7&aux2=14&vs=aux1:0,aux2:0'))).toEqual(['auxiliary heads on layers 7 and 14', 'no auxiliary heads']);
    expect(runNames(config('data=digits'))).toEqual(['']);
  });

  it('adds the run name to a label only beside a variant', () => {
    expect(named('test', shown('data=digits', 'primary', ''))).toBe('test');
    expect(named('test', shown('data=digits', 'variant', 'with batch norm'))).toBe('test (with batch norm)');
  });

  it("titles by the run's name, with its batch norm when the name does not say it", () => {
    const without = shown('data=digits', 'primary', 'without batch norm');
    const withBn = shown('data=digits&norm=batch', 'variant', 'with batch norm');
    expect([runTitle(without, [without, withBn]), runTitle(withBn, [without, withBn])]).toEqual(['Without batch norm', 'With batch norm']);
    const slow = shown('data=digits&norm=batch', 'primary', 'learning rate 0.1');
    const fast = shown('data=digits&norm=batch&lr=1', 'variant', 'learning rate 1');
    expect(runTitle(fast, [slow, fast])).toBe('With batch norm, learning rate 1');
    expect(runTitle(shown('data=digits', 'primary', ''), [])).toBe('Without batch norm');
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
  const none: never[] = [];
  const state = (train: object | null, status: LabState['trainStatus'], cfg = circles) =>
    ({ trainSnapshotArrived: action, train, trainVariants: none, trainConfig: cfg, trainStatus: status }) as unknown as LabState;

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
