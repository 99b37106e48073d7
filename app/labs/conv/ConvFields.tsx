/**
 * The convolution lab's own controls: the image set, the architecture (a family's tiny member,
 * LeNet-5, or the student's spec as text, its problems shown where they are) and the A/B variant.
 * A spec that does not parse stays in the field and changes nothing; one that parses becomes the
 * link's `arch`, and a shape or class problem is named under it (the run says the same).
 */
import { memo, useEffect, useId, useState } from 'react';
import { parseVariants } from '../../../engine/contract/variants.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import type { Config } from '../../../engine/contract/config.ts';
import { Field, SelectField, useFieldIds } from '../../components/controls/fields.tsx';
import { Hide } from '../../components/controls/Hide.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { DATA_LABELS } from '../training/TrainingFields.tsx';
import { ArchNames, SpecField } from '../architectures/SpecField.tsx';
import { ARCH_CHOICES, checkSpec, IMAGE_SETS, pickerValue } from './convArchs.ts';
import { enterLab } from '../enterLab.ts';
import { resolveArch } from '../../../engine/contract/arch/named/index.ts';
import { LayerList } from './LayerList.tsx';
import { BatchNormToggle } from './BatchNormToggle.tsx';
import { batchNormState, withBatchNorm } from './layerEdit.ts';
import { formatArch } from '../../../engine/contract/arch/grammar.ts';
import type { ArchSpec } from '../../../engine/contract/arch/spec.ts';
import { useLabStore } from '../../store/LabContext.tsx';

type Set = <K extends keyof Config>(key: K) => (value: Config[K]) => void;

const OWN = 'own';
const PICKS = [...ARCH_CHOICES.map((c) => c.value), OWN];
const pickLabel = (v: string) => ARCH_CHOICES.find((c) => c.value === v)?.label ?? 'Your own spec (edit below)';

export const ConvFields = memo(function ConvFields({ set }: { readonly set: Set }) {
  const data = useLab((s) => s.config.data);
  const arch = useLab((s) => s.config.arch);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [arch]);
  // A link that opens this lab without an architecture or images (?lab=conv) gets what the lab switch gives.
  const store = useLabStore();
  useEffect(() => {
    const patch = enterLab('conv', store.getState().config);
    if (patch) store.getState().setConfig(patch);
  }, [arch, data, store]);
  const text = draft ?? arch;
  const check = checkSpec(text, data);
  const spec = resolveArch(text).spec;
  // the list and the toggle print through the grammar: what they write is what the text shows
  const edit = (v: string) => { setDraft(v); set('arch')(v); };
  const images = (IMAGE_SETS as readonly string[]).includes(data);
  const dataChoices = images ? IMAGE_SETS : [...IMAGE_SETS, data];
  return (
    <fieldset className="control-group conv-fields">
      <legend>Convolutional network</legend>
      <Hide k="data"><SelectField label="Images" hint={images ? `${DATASETS[data as 'digits'].title}: the network's input is ${DATASETS[data as 'digits'].inputShape.join('×')}.` : 'Convolutions need images: choose one of these sets.'}
        value={data} choices={dataChoices} optionLabel={(c) => DATA_LABELS[c]} onChange={set('data')} /></Hide>
      <Hide k="arch">
        <SelectField label="Architecture" hint="A family’s small member, LeNet-5, or your own spec in the layer grammar." value={pickerValue(text)} choices={PICKS}
          optionLabel={pickLabel} onChange={(v) => { if (v !== OWN) set('arch')(v); }} />
        <ArchNames />
        <SpecField label="Spec" value={text} problems={check.grammar} onChange={(v) => {
          setDraft(v);
          if (checkSpec(v, data).grammar.length === 0 && v.trim() !== '') set('arch')(v);
        }} />
        <LayerList spec={spec} onChange={edit} />
        <BatchNormToggle spec={spec} onChange={edit} />
        {check.grammar.length === 0 && check.problem && <p className="spec-problem" role="alert" data-testid="spec-shape-problem">{check.problem}</p>}
      </Hide>
      <VariantField spec={spec} />
    </fieldset>
  );
});

/**
 * vs: the A/B variants trained in lockstep ("init:xavier_normal", "opt:sgd,lr:0.1;lr:0.01"), and
 * another architecture beside this one ("arch:tiny_resnet"; a spec takes the rest of its variant).
 * The suggestions include this very network with batch norm after each conv turned the other way.
 */
function VariantField({ spec }: { readonly spec: ArchSpec | null }) {
  const vs = useLab((s) => s.config.vs);
  const setConfig = useLab((s) => s.setConfig);
  const ids = useFieldIds();
  const listId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [vs]);
  const text = draft ?? vs;
  const problems = parseVariants(text).problems;
  const hint = problems.length > 0 ? problems[0].message : 'Compare with (vs=): keys to change for a second run trained in lockstep, e.g. init:xavier_normal or lr:0.01, or another network, arch:tiny_resnet (a spec goes last: it takes the rest of its run); “;” between up to three. The data stay.';
  const bn = spec ? batchNormState(spec) : null;
  const flipped = spec && bn !== null ? `arch:${formatArch(withBatchNorm(spec, bn !== 'on'))}` : null;
  const suggestions = [...(flipped ? [flipped] : []), 'arch:tiny_resnet', 'arch:tiny_vgg', 'init:xavier_normal', 'init:he_normal', 'opt:sgd', 'opt:adam', 'lr:0.01', 'batch:128'];
  return (
    <Field label="Compare with" hint={hint} ids={ids} invalid={problems.length > 0}>
      <input id={ids.control} type="text" spellCheck={false} autoComplete="off" list={listId} value={text} aria-describedby={ids.hint}
        aria-invalid={problems.length > 0 || undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseVariants(e.target.value);
          if (parsed.problems.length === 0) setConfig({ vs: parsed.canonical });
        }} />
      <datalist id={listId}>
        {suggestions.map((v, i) => <option key={v} value={v} label={i === 0 && flipped ? (bn === 'on' ? 'this network without batch norm' : 'this network with batch norm after each conv') : undefined} />)}
      </datalist>
    </Field>
  );
}
