/** What every implementation under test offers the bench worker. */
export interface MlpTrainer {
  /**
   * One training step on the fixed batch: forward, softmax cross-entropy, backward and the
   * plain SGD update w -= lr * dw of every parameter. Returns the loss before the update when
   * wantLoss is set (NaN otherwise, so a framework need not synchronise just to report it).
   */
  step(wantLoss: boolean): number;
  /** Wait until every step issued so far has finished (a no-op for synchronous code). */
  sync(): void;
  /** Copies of the parameters in a fixed order: weight 0, bias 0, weight 1, bias 1, ... */
  parameters(): Float32Array[];
  dispose(): void;
}

export interface MatmulRunner {
  /** c = a b once. */
  run(): void;
  /** Wait until every product issued so far has finished. */
  sync(): void;
  /** A copy of the last product. */
  result(): Float32Array;
  dispose(): void;
}
