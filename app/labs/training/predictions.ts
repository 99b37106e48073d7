/** How the test predictions went: per class and as a confusion matrix. Pure, shared by the 2D and digits views. */

export interface ClassResult {
  readonly cls: number;
  /** Test examples of this class. */
  readonly count: number;
  /** Of those, predicted as this class. */
  readonly correct: number;
  /** correct / count (NaN when the class has no test examples). */
  readonly accuracy: number;
}

export interface PredictionSummary {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly perClass: readonly ClassResult[];
  /** confusion[trueClass * classes + predicted]. */
  readonly confusion: Int32Array;
  readonly classes: number;
}

export function summarizePredictions(labels: Int32Array, predictions: Int32Array, classes: number): PredictionSummary {
  const n = Math.min(labels.length, predictions.length);
  const confusion = new Int32Array(classes * classes);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const t = labels[i], p = predictions[i];
    if (p === t) correct++;
    if (t >= 0 && t < classes && p >= 0 && p < classes) confusion[t * classes + p]++;
  }
  const perClass = Array.from({ length: classes }, (_, c) => {
    let count = 0;
    for (let p = 0; p < classes; p++) count += confusion[c * classes + p];
    const ok = confusion[c * classes + c];
    return { cls: c, count, correct: ok, accuracy: count > 0 ? ok / count : NaN };
  });
  return { total: n, correct, accuracy: n > 0 ? correct / n : NaN, perClass, confusion, classes };
}

/** Per class, the class it is most often mistaken for, or null if never. */
export function commonestMistake(summary: PredictionSummary, cls: number): { predicted: number; count: number } | null {
  const { confusion, classes } = summary;
  let best = -1, count = 0;
  for (let p = 0; p < classes; p++) {
    if (p === cls) continue;
    const v = confusion[cls * classes + p];
    if (v > count) { count = v; best = p; }
  }
  return best < 0 ? null : { predicted: best, count };
}

/** "93.1%" (one decimal), or "–" when not defined. */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–';
}
