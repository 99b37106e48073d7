import type { RunView } from '../../../store/trainSlice.ts';
import type { LabState } from '../../../store/labStore.ts';
import { useLab } from '../../../store/LabContext.tsx';
import { runHeading } from '../../training/runLabel.ts';

/** Index of the first run (this one, then the vs variants in order) that pretrains, or -1. */
function pretrainIndex(s: LabState): number {
  if (s.train?.pretrain) return 0;
  const k = s.trainVariants.findIndex((r) => r.pretrain);
  return k < 0 ? -1 : k + 1;
}

/** The run whose pretraining the panels show (the first that pretrains), and its heading ("Pretrained (denoising autoencoders)"). */
export function usePretrainRun(): { run: RunView | null; heading: string } {
  const index = useLab(pretrainIndex);
  const run = useLab((s) => (index < 0 ? null : index === 0 ? s.train : s.trainVariants[index - 1] ?? null));
  const config = useLab((s) => s.trainConfig);
  return { run, heading: index < 0 ? '' : runHeading(config, index) };
}
