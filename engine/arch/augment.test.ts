import { describe, expect, it } from 'vitest';
import { resolveArch } from '../contract/arch/named/index.ts';
import { cleanConfig, loadTestDigits } from '../testing/trainingRuns.ts';
import { ArchTrainer } from './trainer.ts';

const digits = loadTestDigits();
const BASE = 'data=digits&arch=conv3-4,relu,max2,gap,fc10&batch=8&opt=adam&lr=0.01';
function trained(query: string, steps = 5): Float32Array[] {
  const config = cleanConfig(query);
  const t = new ArchTrainer(config, resolveArch(config.arch).spec!, [1, 8, 8], digits);
  for (let i = 0; i < steps; i++) t.trainStep();
  return t.params.map((p) => Float32Array.from(p.value));
}

describe('the conv trainer on augmented batches', () => {
  it('strength 0 trains the plain run bit for bit; a shift changes it; the same link replays', () => {
    const plain = trained(BASE);
    expect(trained(`${BASE}&aug=shift:0_elastic:0:1`)).toEqual(plain);
    const shifted = trained(`${BASE}&aug=shift:1_elastic:2:1`);
    expect(shifted).not.toEqual(plain);
    expect(trained(`${BASE}&aug=shift:1_elastic:2:1`)).toEqual(shifted);
  });

  it('refuses mixup by name: its loss takes hard labels', () => {
    expect(() => trained(`${BASE}&aug=mixup:0.2`)).toThrow('mixup mixes labels, and this trainer\'s loss takes hard labels only');
  });
});
