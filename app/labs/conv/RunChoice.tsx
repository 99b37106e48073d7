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
  /** Its network (arch=) and its conv state (null before its first snapshot). */
  readonly arch: string;
  readonly state: ArchState | null;
  /** Every run's conv state, the primary first. */
  readonly states: readonly (ArchState | null)[];
  /** Whether the shown run trains the first run's network (so the selected layer is its layer too). */
  readonly sameNetwork: boolean;
  /** The switch, or null with one run. */
  readonly control: ReactNode;
}

/**
 * The run a panel shows and its switch. `networks`: switch only between different networks (the
 * drawing: runs of one network look the same), labelled "Network of".
 */
export function useShownRun({ networks = false }: { readonly networks?: boolean } = {}): ShownRun {
  const config = useLab((s) => s.config);
  const primary = useArchState();
  const variants = useVariantArchStates();
  const runs = useMemo(() => [config, ...variantsOf(config)].map((c, i) => ({ arch: c.arch, name: describeRun(config, i) || `run ${i + 1}` })), [config]);
  const [chosen, setChosen] = useState(0);
  const switches = networks ? runs.some((r) => r.arch !== runs[0].arch) : runs.length > 1;
  const index = switches ? Math.min(chosen, runs.length - 1) : 0;
  const states = useMemo(() => [primary, ...variants], [primary, variants]);
  const control = switches
    ? <ChoiceToggle legend={networks ? 'Network of' : 'Run'} choices={runs.map((r, i) => ({ value: String(i), label: r.name }))} value={String(index)} onChange={(v) => setChosen(Number(v))} />
    : null;
  return { index, arch: runs[index].arch, state: states[index] ?? null, states, sameNetwork: runs[index].arch === runs[0].arch, control };
}
