import { memo, useState } from 'react';
import { CONFIG_FIELDS, type Config } from '../../../engine/contract/config.ts';
import { lambdaForScale, priorNotApplied, priorScale, scaleSymbol } from '../../../engine/contract/prior.ts';
import { trainCountOf } from '../../../engine/contract/training.ts';
import { Hide } from '../../components/controls/Hide.tsx';
import { Field, SelectField, SliderField, useFieldIds } from '../../components/controls/fields.tsx';
import { decadeSteps, steppedScale } from '../../components/controls/scales.ts';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import type { FieldsetProps } from './fields.ts';

const F = CONFIG_FIELDS;
const LAMBDA = steppedScale([0, ...decadeSteps(-6, 0)]);

export const PRIOR_LABELS: Readonly<Record<Config['prior'], string>> = {
  none: 'None: maximum likelihood (MLE)',
  gauss: 'Gaussian: L2, ½λ‖W‖²',
  laplace: 'Laplace: L1, λ‖W‖₁',
};
const DECAY_LABELS: Readonly<Record<Config['decay'], string>> = {
  coupled: 'In the gradient (L2 regularization)',
  decoupled: 'Decoupled (AdamW)',
};

/** "λ = 0.01 on N = 100 examples: σ = 1" — the strength said both ways. */
export function strengthSentence(prior: Config['prior'], lambda: number, n: number): string {
  if (prior === 'none') return 'No prior: λ is not used.';
  const scale = priorScale(prior, lambda, n);
  const s = scaleSymbol(prior);
  if (!Number.isFinite(scale)) return `λ = 0 on N = ${n} examples: ${s} = ∞, a flat prior (MLE).`;
  return `λ = ${formatNumber(lambda, 3)} on N = ${n} training examples: ${prior === 'gauss' ? 'σ = 1/√(Nλ)' : 'b = 1/(Nλ)'} = ${formatNumber(scale, 3)}.`;
}

/** The prior on the weights: its form, its strength λ (the wd key) with the prior's σ or b for N, and how the optimizer applies it. */
export const PriorFields = memo(function PriorFields({ set }: FieldsetProps) {
  const prior = useLab((s) => s.config.prior);
  const wd = useLab((s) => s.config.wd);
  const decay = useLab((s) => s.config.decay);
  const opt = useLab((s) => s.config.opt);
  const config = useLab((s) => s.config);
  const built = useLab((s) => (s.trainConfig?.ntrain === s.config.ntrain && s.trainConfig?.data === s.config.data ? s.dataset?.trainCount : undefined));
  const n = built ?? trainCountOf(config);
  const unused = priorNotApplied(config);
  return (
    <fieldset className="control-group">
      <legend>Prior on the weights (MAP)</legend>
      <Hide k="prior">
        <SelectField label="Prior" hint="log p(θ|D) = log p(D|θ) + log p(θ) + const: the prior adds −(1/N) log p(W) to the mean loss. Biases have a flat prior."
          value={prior} choices={F.prior.choices} optionLabel={(c) => PRIOR_LABELS[c]} onChange={set('prior')} />
      </Hide>
      <Hide k="wd">
        <SliderField label="Strength λ" hint={strengthSentence(prior, wd, n) + (unused.some((u) => u.key === 'wd') ? ' (prior=none: λ unused.)' : '')}
          value={wd} rule={F.wd} scale={LAMBDA} onChange={set('wd')} />
      </Hide>
      {prior !== 'none' && <ScaleField prior={prior} lambda={wd} n={n} onLambda={set('wd')} />}
      <Hide k="decay">
        <SelectField label="Apply the prior"
          hint={`Coupled adds λR′(W) to the gradient (momentum and Adam then act on it); decoupled takes its own step W −= lr·λR′(W). They agree for plain SGD only${opt === 'sgd' ? ' (this run: SGD)' : ` (this run: ${opt === 'adam' ? 'Adam' : 'momentum'}, so they differ)`}.`}
          value={decay} choices={F.decay.choices} optionLabel={(c) => DECAY_LABELS[c]} onChange={set('decay')} />
      </Hide>
    </fieldset>
  );
});

/** λ for a typed scale, to 4 significant digits (a short link), within wd's range; null when not a positive number. */
export function lambdaFromTyped(prior: Config['prior'], text: string, n: number): number | null {
  const scale = Number(text);
  if (text.trim() === '' || !Number.isFinite(scale) || scale <= 0) return null;
  const lambda = Number(lambdaForScale(prior, scale, n).toPrecision(4));
  return Math.min(F.wd.max, Math.max(F.wd.min, lambda));
}

/** The prior's scale typed directly (σ or b for these N examples): it sets λ = 1/(Nσ²) or 1/(Nb). */
function ScaleField({ prior, lambda, n, onLambda }: { readonly prior: Config['prior']; readonly lambda: number; readonly n: number; readonly onLambda: (v: number) => void }) {
  const ids = useFieldIds();
  const [draft, setDraft] = useState<string | null>(null);
  const scale = priorScale(prior, lambda, n);
  const symbol = scaleSymbol(prior);
  const bad = draft !== null && lambdaFromTyped(prior, draft, n) === null;
  const hint = prior === 'gauss' ? `The prior’s standard deviation: λ = 1/(Nσ²) on N = ${n}.` : `The Laplace prior’s scale: λ = 1/(Nb) on N = ${n}.`;
  return (
    <Field label={`Prior scale ${symbol}`} ids={ids} invalid={bad} hint={bad ? `A positive number. ${hint}` : hint}>
      <input id={ids.control} type="number" inputMode="decimal" min={0} step="any" aria-describedby={ids.hint} aria-invalid={bad || undefined}
        value={draft ?? (Number.isFinite(scale) ? String(Number(scale.toPrecision(4))) : '')}
        placeholder="∞ (λ = 0)"
        onChange={(e) => {
          setDraft(e.target.value);
          const next = lambdaFromTyped(prior, e.target.value, n);
          if (next !== null) onLambda(next);
        }}
        onBlur={() => setDraft(null)} />
    </Field>
  );
}
