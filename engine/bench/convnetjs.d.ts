/** The parts of ConvNetJS 0.3.0 (no types of its own) that engine/bench/lenetConvnet.ts uses. */
declare module 'convnetjs' {
  export class Vol {
    constructor(sx: number, sy: number, depth: number, fill?: number);
    w: Float64Array;
    dw: Float64Array;
  }
  export interface Layer {
    layer_type: string;
    filters: Vol[];
    biases: Vol;
  }
  export class Net {
    layers: Layer[];
    makeLayers(defs: Record<string, unknown>[]): void;
  }
  export class Trainer {
    constructor(net: Net, options: Record<string, unknown>);
    train(x: Vol, y: number): { cost_loss: number };
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; Trainer: typeof Trainer };
  export default convnetjs;
}
