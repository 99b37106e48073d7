import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../engine/contract/config.ts';
import { LAB_IDS } from './registry.ts';
import { labStart } from './labStart.ts';
import { TINY_CNN } from './conv/convArchs.ts';

const start = (lab: Parameters<typeof labStart>[0], query: string) => labStart(lab, parseQuery(query).config);

describe('labStart: a lab= link opens its lab with its experiment, unless the lab cannot show it', () => {
  it('keeps what the lab can show, unchanged and unreported', () => {
    for (const [lab, query] of [['residual', 'depth=6'], ['init', 'data=spiral&depth=3&width=16'], ['training', 'data=spiral'], ['regularization', 'data=digits&ntrain=10'],
      ['conv', 'data=mnist&arch=tiny_vgg'], ['architectures', 'arch=resnet18'], ['init', '']] as const) {
      const s = start(lab, query);
      expect(s.problem, `${lab} ${query}`).toBeNull();
      expect(s.lab).toBe(lab);
      expect(s.config).toEqual(parseQuery(query).config);
    }
  });

  it('the Convolutions lab without an architecture or images gets the lab switch’s tiny CNN on the digits, and says so', () => {
    const bare = start('conv', '');
    expect(bare.config).toMatchObject({ data: 'digits', arch: TINY_CNN });
    expect(bare.problem?.message).toContain('no architecture and no image set');
    const spiral = start('conv', 'data=spiral&arch=tiny_vgg');
    expect(spiral.config).toMatchObject({ data: 'digits', arch: 'tiny_vgg' });
    expect(spiral.problem?.message).toMatch(/has no image set; opening it with data=digits$/);
  });

  it('the training and regularization labs without data get the lab switch’s data set; the network takes the data set’s sizes', () => {
    const training = start('training', '');
    expect(training.config.data).toBe('spiral');
    expect(training.config).toEqual(parseQuery('data=spiral').config);
    expect(training.problem?.message).toBe('lab=training: the Training & batch norm lab trains on a data set, and this link has no data set; opening it with data=spiral');
    const reg = start('regularization', 'seed=4');
    expect(reg.config).toEqual(parseQuery('data=digits&ntrain=10&seed=4').config);
  });

  it('an architecture opens in the Convolutions lab whatever lab the link names, its experiment kept', () => {
    for (const lab of LAB_IDS.filter((l) => l !== 'conv' && l !== 'architectures')) {
      const s = start(lab, 'data=digits&arch=tiny_vgg&lr=0.02');
      expect(s.lab).toBe('conv');
      expect(s.config).toEqual(parseQuery('data=digits&arch=tiny_vgg&lr=0.02').config);
      expect(s.problem?.message).toContain('opening it in the Convolutions lab');
    }
  });

  it('what it opens opens again as it is: the corrected link has no problem', () => {
    for (const lab of LAB_IDS) for (const query of ['', 'data=spiral', 'arch=tiny_vgg', 'data=fashion', 'data=digits&arch=tiny_resnet']) {
      const s = start(lab, query);
      const again = labStart(s.lab, s.config);
      expect(again.problem, `${lab} ${query}`).toBeNull();
      expect(again.config).toEqual(s.config);
    }
  });
});
