import { describe, expect, it } from 'vitest';
import { withConfig } from '../../../engine/contract/config.ts';
import { objectiveModel } from './objective.ts';

describe('the MAP objective card', () => {
  it('turns weight decay into the Gaussian prior it is: sigma^2 = 1/(N wd)', () => {
    const m = objectiveModel(withConfig({ data: 'digits', wd: 0.01, opt: 'sgd', lr: 0.5 }), 1437);
    expect(m.tex.join(' ')).toContain(String.raw`\sigma = 0.2638`);
    expect(m.summary).toMatch(/standard deviation 0\.264/);
  });
  it('says MLE when there is no decay', () => {
    const m = objectiveModel(withConfig({ data: 'circles', wd: 0 }), 400);
    expect(m.summary).toMatch(/MLE/);
    expect(m.tex.join(' ')).toContain('flat prior');
  });
});
