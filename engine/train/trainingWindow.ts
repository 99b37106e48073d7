/**
 * The running training average both trainers show: the mean loss and accuracy of the mini-batches
 * since the last scheduled evaluation, which closes the window (its means become the last ones
 * until the next step). The same operations in the same order as each trainer had them.
 */
export class TrainingWindow {
  private loss = 0;
  private correct = 0;
  private steps = 0;
  /** The closed window's means (NaN before the first evaluation that followed a step). */
  private lastLoss = NaN;
  private lastAccuracy = NaN;
  private readonly batch: number;

  constructor(batch: number) { this.batch = batch; }

  /** One training step's batch loss and number of examples right. */
  add(loss: number, correct: number): void {
    this.loss += loss;
    this.correct += correct;
    this.steps++;
  }

  /** An evaluation: the open window's means become the last ones (if it had a step); a new window opens. */
  close(): void {
    if (this.steps > 0) {
      this.lastLoss = this.loss / this.steps;
      this.lastAccuracy = this.correct / (this.steps * this.batch);
    }
    this.loss = this.correct = this.steps = 0;
  }

  /** Back to before the first step. */
  clear(): void {
    this.loss = this.correct = this.steps = 0;
    this.lastLoss = this.lastAccuracy = NaN;
  }

  /** The open window's mean loss, or the last closed one's when it has no step yet. */
  get trainLoss(): number { return this.steps > 0 ? this.loss / this.steps : this.lastLoss; }
  get trainAccuracy(): number { return this.steps > 0 ? this.correct / (this.steps * this.batch) : this.lastAccuracy; }
  /** The last closed window's means (what an evaluation's row records). */
  get closedLoss(): number { return this.lastLoss; }
  get closedAccuracy(): number { return this.lastAccuracy; }
}
