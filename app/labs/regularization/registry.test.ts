/** The regularization lab is in the lab switch with its own panels, fieldsets and presets, each list one entry per part. */
import { describe, expect, it } from 'vitest';
import { labOf, PANEL_IDS } from '../registry.ts';
import { REGULARIZATION_PANELS } from './panels.ts';
import { FIELDSETS } from './fieldsets.ts';

describe('the regularization lab', () => {
  it('is registered with every panel of its list, its own and the shared, in order', () => {
    const lab = labOf('regularization');
    expect(lab.title).toBe('Regularization');
    expect(lab.controls).toContain('reggroup');
    expect(lab.panels.map((p) => p.id)).toEqual(REGULARIZATION_PANELS.map((p) => (typeof p === 'string' ? p : p.id)));
    for (const p of lab.panels) expect(PANEL_IDS).toContain(p.id);
    expect(new Set(PANEL_IDS).size).toBe(PANEL_IDS.length);
    expect(FIELDSETS.length).toBeGreaterThan(0);
  });

  it('loads every panel it lists', async () => {
    for (const p of labOf('regularization').panels) expect(typeof (await p.load())).toBe('function');
  });
});

describe('the A/B menu', () => {
  it('offers only canonical vs values (the select matches what the link holds)', async () => {
    const { AB_CHOICES } = await import('./fields.ts');
    const { parseQuery } = await import('../../../engine/contract/config.ts');
    for (const c of AB_CHOICES) {
      const parsed = parseQuery(`data=digits&vs=${c.vs}`);
      expect(parsed.problems, c.vs).toEqual([]);
      expect(parsed.config.vs).toBe(c.vs);
    }
  });
});
