/**
 * The per-run conv panels (feature maps, batch norm per channel) with A/B variants: a switch for
 * which run's state to show, each run named as in every legend. A variant may train another
 * network (vs=arch:...); a layer selected in one network means nothing in another, so selection
 * follows only runs of the first run's network.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { ArchState } from '../../../engine/contract/archLayout.ts';
import { describeRun, variantsOf } from '../../../engine/contract/variants.ts';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { useArchState, useVariantArchStates } from './useArch.ts';

export interface ShownRun {
  /** The run shown: 0 the primary, 1.. the variants in vs order. */
  readonly index: number;
  readonly state: ArchState | null;
  /** Whether the shown run trains the first run's network (so the selected layer is its layer too). */
  readonly sameNetwork: boolean;
  /** The switch, or null with one run. */
  readonly control: ReactNode;
}

export function useShownRun(): ShownRun {
  const config = useLab((s) => s.config);
  const primary = useArchState();
  const variants = useVariantArchStates();
  const runs = useMemo(() => [config, ...variantsOf(config)].map((c, i) => ({ arch: c.arch, name: describeRun(config, i) || `run ${i + 1}` })), [config]);
  const [chosen, setChosen] = useState(0);
  const index = Math.min(chosen, runs.length - 1);
  const state = index === 0 ? primary : variants[index - 1] ?? null;
  const control = runs.length > 1
    ? <ChoiceToggle legend="Run" choices={runs.map((r, i) => ({ value: String(i), label: r.name }))} value={String(index)} onChange={(v) => setChosen(Number(v))} />
    : null;
  return { index, state, sameNetwork: runs[index].arch === runs[0].arch, control };
}
