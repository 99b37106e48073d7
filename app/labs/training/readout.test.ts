import { describe, expect, it } from 'vitest';
import { testReadout } from './readout.ts';

describe('testReadout: a test number carries its step, and says so when it is older than the run', () => {
  it('current numbers are not marked', () => {
    expect(testReadout({ step: 37, evaluatedAt: 37 })).toMatchObject({ at: 37, stale: false, mark: '' });
  });
  it('older numbers are marked with their step', () => {
    const r = testReadout({ step: 1234, evaluatedAt: 1200 });
    expect(r).toMatchObject({ at: 1200, stale: true, mark: 'step 1,200' });
    expect(r.description).toBe('test set evaluated at step 1,200 (the run is at step 1,234)');
  });
  it('before the first evaluation there is no step', () => {
    expect(testReadout({ step: 0, evaluatedAt: -1 })).toMatchObject({ at: null, stale: false, mark: '' });
    expect(testReadout(null).at).toBeNull();
  });
});
