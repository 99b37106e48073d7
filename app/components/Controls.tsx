import { useMemo, useState } from 'react';
import { CONFIG_FIELDS, CONFIG_KEYS, type Config, type ConfigKey } from '../../engine/contract/config.ts';
import { Hide } from './controls/Hide.tsx';
import { useLab } from '../store/LabContext.tsx';
import { parseExact } from './controls/exact.ts';
import { Field, SelectField, SliderField, useFieldIds } from './controls/fields.tsx';
import { ACTIVATION_HINTS, FAN_LABELS, INITIALIZER_HINTS, INPUT_LABELS, sentence } from './controls/hints.ts';
import { decadeSteps, linearScale, powerOfTwoSteps, steppedScale } from './controls/scales.ts';
import { DataFields, NormFields, OptimizerFields } from '../labs/training/TrainingFields.tsx';
import { ResidualFields } from '../labs/residual/ResidualFields.tsx';
import { RegularizationFields } from '../labs/regularization/RegularizationFields.tsx';
import { ConvFields } from '../labs/conv/ConvFields.tsx';
import { labOf, type ControlGroup } from '../labs/registry.ts';
import { useOpenLab } from '../labs/useOpenLab.ts';

const F = CONFIG_FIELDS;
const DEPTH = linearScale(F.depth.min, F.depth.max, 1);
const WIDTH = steppedScale(powerOfTwoSteps(F.width.max));
const BATCH = steppedScale(powerOfTwoSteps(F.batch.max));
const GAIN = linearScale(0, 4, 0.05);
const STD = steppedScale(decadeSteps(-4, 1));
const CONSTANT = linearScale(-1, 1, 0.01);
const BIAS = linearScale(-2, 2, 0.05);

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;
const LAYERS = plural('layer', 'layers');
const UNITS = plural('unit', 'units');
const EXAMPLES = plural('example', 'examples');

type Setters = { readonly [K in ConfigKey]: (value: Config[K]) => void };

/** One stable setter per key, so a control whose value did not change is not re-rendered. */
function settersFor(setConfig: (patch: Partial<Config>) => void): Setters {
  const setters: Partial<Record<ConfigKey, (value: Config[ConfigKey]) => void>> = {};
  for (const key of CONFIG_KEYS) setters[key] = (value) => setConfig({ [key]: value } as Partial<Config>);
  return setters as Setters;
}

type Anticipators = { readonly [K in ConfigKey]: (values: readonly Config[K][]) => void };

/** One stable 'values a step away' callback per key (see SliderField.onNeighbours). */
function anticipatorsFor(anticipate: (patches: readonly Partial<Config>[]) => void): Anticipators {
  const callbacks: Partial<Record<ConfigKey, (values: readonly Config[ConfigKey][]) => void>> = {};
  for (const key of CONFIG_KEYS) callbacks[key] = (values) => anticipate(values.map((value) => ({ [key]: value }) as Partial<Config>));
  return callbacks as Anticipators;
}

/**
 * The open lab's settings of the experiment, each labelled, keyboard operable and hinted. Each change goes
 * to the store, which rewrites the URL and reruns the probe. Settings that apply to one
 * initializer only (std, the constant, He's fan) appear with it.
 */
export function Controls() {
  const setConfig = useLab((s) => s.setConfig);
  const set = useMemo(() => settersFor(setConfig), [setConfig]);
  const anticipate = useLab((s) => s.anticipate);
  const ahead = useMemo(() => anticipatorsFor(anticipate), [anticipate]);
  const depth = useLab((s) => s.config.depth);
  const width = useLab((s) => s.config.width);
  const act = useLab((s) => s.config.act);
  const init = useLab((s) => s.config.init);
  const gain = useLab((s) => s.config.gain);
  const std = useLab((s) => s.config.std);
  const constant = useLab((s) => s.config.const);
  const fan = useLab((s) => s.config.fan);
  const bias = useLab((s) => s.config.bias);
  const batch = useLab((s) => s.config.batch);
  const input = useLab((s) => s.config.input);
  const data = useLab((s) => s.config.data);
  const groups = labOf(useOpenLab()).controls;
  const has = (g: ControlGroup) => groups.includes(g);
  // An architecture (the convolution lab) fixes the layers, their widths and activations.
  const conv = has('convgroup');
  const setKey = useMemo(() => <K extends ConfigKey>(key: K) => set[key] as (value: Config[K]) => void, [set]);

  return (
    <form className="controls" aria-label="Experiment controls" onSubmit={(e) => e.preventDefault()}>
      {/* A lab's own group leads its sidebar (the regularization lab: scarce data, the prior). */}
      {has('reggroup') && data !== 'none' && <Hide k="reggroup"><RegularizationFields set={setKey} /></Hide>}
      {conv && <Hide k="convgroup"><ConvFields set={setKey} /></Hide>}
      <Hide k="network">
      <fieldset className="control-group">
      <legend>Network</legend>
      {!conv && <>
      <Hide k="depth"><SliderField label="Hidden layers" hint={sentence(F.depth.meaning)} value={depth} rule={F.depth} scale={DEPTH}
        valueText={LAYERS} onChange={set.depth} onNeighbours={ahead.depth} /></Hide>
      <Hide k="width"><SliderField label="Width" hint={data === 'none' ? 'Units per hidden layer; the input has as many.' : 'Units per hidden layer; the data set fixes the input width.'} value={width} rule={F.width} scale={WIDTH}
        valueText={UNITS} onChange={set.width} onNeighbours={ahead.width} /></Hide>
      <Hide k="act"><SelectField label="Activation" hint={ACTIVATION_HINTS[act]} value={act} choices={F.act.choices} onChange={set.act} /></Hide>
      </>}
      <Hide k="init"><SelectField label="Initializer" hint={INITIALIZER_HINTS[init]} value={init} choices={F.init.choices} onChange={set.init} /></Hide>
      {init === 'normal' && (
        <Hide k="std"><SliderField label="Std" hint="Standard deviation of every weight under “normal”." value={std} rule={F.std} scale={STD} onChange={set.std} onNeighbours={ahead.std} /></Hide>
      )}
      {init === 'constant' && (
        <Hide k="const"><SliderField label="Constant" hint="The value every weight takes under “constant”." value={constant} rule={F.const} scale={CONSTANT} onChange={set.const} onNeighbours={ahead.const} /></Hide>
      )}
      {init.startsWith('he_') && (
        <Hide k="fan"><SelectField label="Fan" hint="He’s n: fan_in keeps the forward variance, fan_out the backward." value={fan} choices={F.fan.choices}
          optionLabel={(c) => FAN_LABELS[c]} onChange={set.fan} /></Hide>
      )}
      <Hide k="gain"><SliderField label="Gain" hint="Multiplies every initializer’s standard deviation (slider to 4, type up to 100)." value={gain} rule={F.gain} scale={GAIN}
        onChange={set.gain} onNeighbours={ahead.gain} /></Hide>
      <Hide k="bias"><SliderField label="Bias" hint={sentence(F.bias.meaning)} value={bias} rule={F.bias} scale={BIAS} onChange={set.bias} onNeighbours={ahead.bias} /></Hide>
      <Hide k="batch"><SliderField label="Batch" hint={sentence(F.batch.meaning)} value={batch} rule={F.batch} scale={BATCH}
        valueText={EXAMPLES} onChange={set.batch} onNeighbours={ahead.batch} /></Hide>
      {data === 'none' && !conv && (
        <Hide k="input"><SelectField label="Input distribution" hint="Both have variance 1." value={input} choices={F.input.choices}
          optionLabel={(c) => INPUT_LABELS[c]} onChange={set.input} /></Hide>
      )}
      <Hide k="seed"><SeedField /></Hide>
      </fieldset>
      </Hide>
      {has('residualgroup') && <Hide k="residualgroup"><ResidualFields set={setKey} /></Hide>}
      {has('datagroup') && <Hide k="datagroup"><DataFields set={setKey} /></Hide>}
      {has('traininggroup') && data !== 'none' && <Hide k="traininggroup"><OptimizerFields set={setKey} decay={!has('reggroup')} /></Hide>}
      {has('bngroup') && data !== 'none' && <Hide k="bngroup"><NormFields set={setKey} /></Hide>}
    </form>
  );
}

/** A fresh seed from the browser's generator: a new draw of every random number, same settings. */
function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

function SeedField() {
  const seed = useLab((s) => s.config.seed);
  const setConfig = useLab((s) => s.setConfig);
  const ids = useFieldIds();
  const [draft, setDraft] = useState<string | null>(null);
  const exact = draft === null ? null : parseExact(draft, F.seed);
  const invalid = exact !== null && !exact.ok;
  const hint = 'The same seed gives the same numbers, bit for bit.';
  return (
    <Field label="Seed" ids={ids} invalid={invalid} hint={invalid ? `${exact.why} ${hint}` : hint}>
      <div className="seed-row">
        <input
          id={ids.control}
          type="number"
          inputMode="numeric"
          aria-describedby={ids.hint}
          aria-invalid={invalid || undefined}
          min={F.seed.min}
          max={F.seed.max}
          step={1}
          value={draft ?? String(seed)}
          onChange={(e) => {
            setDraft(e.target.value);
            const parsed = parseExact(e.target.value, F.seed);
            if (parsed.ok) setConfig({ seed: parsed.value });
          }}
          onBlur={() => setDraft(null)}
        />
        <button type="button" className="button quiet" onClick={() => {
          setDraft(null);
          setConfig({ seed: newSeed() });
        }}>
          New sample
        </button>
      </div>
    </Field>
  );
}
