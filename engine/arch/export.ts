/**
 * An architecture's export, enough for PyTorch to rebuild it (scripts/fixtures/torch_arch.py): the
 * spec, the registry specs it was built from, the input as [N][C][H][W], and every parameter by
 * module and name in PyTorch's layout (conv weights [out][in/groups][kh][kw] as stored; dense
 * weights transposed from the engine's [in, out] to nn.Linear's [out, in]), in the order a
 * depth-first walk of the modules meets them.
 */
import type { LayerSpec, Network } from '../model/network.ts';
import type { Tensor } from '../tensor.ts';

export interface ExportedTensor { readonly shape: readonly number[]; readonly data: readonly number[] }

export interface ArchExport {
  readonly format: 'layerscope-arch-1';
  readonly arch: string;
  readonly specs: readonly LayerSpec[];
  readonly input: ExportedTensor;
  readonly params: readonly (ExportedTensor & { readonly module: number; readonly name: string })[];
}

function plain(t: Tensor): ExportedTensor {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

/** Dense weights [in, out] -> [out, in]; everything else as stored. */
function torchLayout(name: string, t: Tensor): ExportedTensor {
  if (name !== 'weight' || t.shape.length !== 2) return plain(t);
  const [rows, cols] = t.shape, data = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = t.data[r * cols + c];
  return { shape: [cols, rows], data };
}

export function exportArch(arch: string, net: Network, specs: readonly LayerSpec[], input: Tensor): ArchExport {
  const params = net.layers.flatMap((layer, m) => layer.params().map((p) => ({ module: m, name: p.name, ...torchLayout(p.name, p.value) })));
  return { format: 'layerscope-arch-1', arch, specs, input: plain(input), params };
}

/** A trained run's export: the CLI's format, plus where it stands (query, step, fingerprint) and each batch norm's running estimates. */
export function exportArchRun(run: {
  readonly config: { readonly arch: string }; readonly query: string; readonly step: number; readonly fingerprint: string;
  readonly net: Network; readonly specs: readonly LayerSpec[]; readonly input: Tensor;
}): ArchExport & { readonly query: string; readonly step: number; readonly fingerprint: string; readonly runningStats: readonly { unit: number; mean: ExportedTensor; var: ExportedTensor }[] } {
  const runningStats = run.net.units.flatMap((u, unit) => (u.norm ? [{ unit, mean: plain(u.norm.runningMean), var: plain(u.norm.runningVar) }] : []));
  return { ...exportArch(run.config.arch, run.net, run.specs, run.input), query: run.query, step: run.step, fingerprint: run.fingerprint, runningStats };
}
