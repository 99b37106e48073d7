/**
 * Bit-for-bit guard for refactors: each link's whole CLI report (every statistic, metric and the
 * parameters' fingerprint) hashed with FNV-1a, against the hashes this engine gave before the
 * redesign (engine/golden/golden.json, recorded at 6619b2f and unchanged since). A refactor that changes one bit of one number fails here.
 * GOLDEN_RECORD=1 rewrites the file; do that only when a number was wrong, and say why in the commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, type Config, type ConfigKey } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import { probeFingerprint } from '../contract/fingerprint.ts';
import { layerReports } from '../probe/report.ts';
import { runTraining } from '../cli/train.ts';
import { cleanConfig, loadTestDigits } from '../testing/trainingRuns.ts';

const PROBES = [
  'depth=6&width=32&batch=64',
  'depth=8&width=24&act=relu&init=he_normal&batch=50',
  'depth=5&width=16&act=relu&init=he_uniform&fan=out&batch=40&input=uniform',
  'depth=6&width=20&act=leaky_relu&init=he_normal&batch=30',
  'depth=6&width=20&act=sigmoid&init=xavier_normal&gain=2&bias=0.1&batch=30',
  'depth=6&width=20&act=elu&init=lecun_normal&batch=30',
  'depth=6&width=20&act=gelu&init=orthogonal&batch=30',
  'depth=6&width=20&act=selu&init=lecun_normal&batch=30',
  'depth=4&width=16&act=linear&init=standard&batch=30',
  'depth=4&width=16&init=normal&std=0.5&batch=30',
  'depth=4&width=16&init=constant&const=0.2&batch=30',
  'depth=4&width=16&init=zeros&batch=30',
  'depth=6&width=16&act=tanh&init=lsuv&batch=64',
  'depth=6&width=16&act=relu&init=he_normal&residual=1&batch=32',
  'depth=6&width=16&act=relu&init=he_normal&residual=1&resform=pre&batch=32',
  'depth=8&width=16&act=relu&init=he_normal&residual=1&alpha=invsqrt&batch=32',
  'depth=8&width=16&act=relu&init=he_normal&residual=1&alpha=zero&batch=32',
  'depth=7&width=16&act=tanh&residual=1&seed=7&batch=32',
  'depth=6&width=16&act=relu&init=he_normal&batch=32&vs=init:xavier_uniform;gain:2',
];

const TRAININGS: [string, number][] = [
  ['data=spiral&depth=3&width=16&batch=32&act=relu&init=he_normal&lr=0.05', 40],
  ['data=circles&depth=2&width=12&batch=16&opt=momentum&lr=0.05&evalevery=10', 30],
  ['data=moons&depth=3&width=12&batch=16&opt=adam&lr=0.01&wd=0.001', 30],
  ['data=xor&depth=2&width=8&batch=8&norm=batch&lr=0.1', 30],
  ['data=blobs&classes=3&depth=3&width=12&batch=16&norm=batch&bnpos=after&act=relu&init=he_normal', 30],
  ['data=spiral&depth=4&width=12&batch=16&norm=batch&testbn=batch&act=sigmoid', 20],
  ['data=spiral&depth=4&width=12&batch=16&residual=1&act=relu&init=he_normal&lr=0.05', 30],
  ['data=spiral&depth=4&width=12&batch=16&residual=1&resform=pre&norm=batch&act=relu&init=he_normal', 30],
  ['data=spiral&depth=6&width=12&batch=16&residual=1&alpha=zero&act=relu&init=he_normal', 20],
  ['data=spiral&depth=6&width=12&batch=16&aux1=2&aux2=4&auxw=0.3&act=sigmoid', 20],
  ['data=digits&depth=2&width=32&batch=32&act=relu&init=he_normal&opt=adam&lr=0.003', 25],
  ['data=digits&depth=2&width=24&batch=32&norm=batch&init=lsuv', 15],
  ['data=spiral&depth=3&width=12&batch=16&vs=norm:batch;residual:1', 20],
];

/** The config keys the golden hashes were recorded with. */
const RECORDED_KEYS = [
  'v', 'depth', 'width', 'act', 'init', 'gain', 'std', 'const', 'bias', 'fan', 'batch', 'input', 'seed', 'data', 'points', 'classes',
  'noise', 'split', 'opt', 'lr', 'mom', 'wd', 'norm', 'bnpos', 'bnmom', 'bneps', 'testbn', 'evalevery', 'vs', 'residual', 'resform',
  'alpha', 'aux1', 'aux2', 'auxw',
];

/**
 * A training report as it was printed when the hashes were recorded: keys that joined the config
 * since (widths, arch, size, channels) must be at their defaults in these links, and leave the echo.
 */
function asRecorded<R extends { config: Config }>(report: R): R {
  const extra = Object.keys(report.config).filter((k) => !RECORDED_KEYS.includes(k));
  for (const k of extra) expect(report.config[k as ConfigKey], `${k} at its default`).toBe(CONFIG_FIELDS[k as ConfigKey].default);
  // Report fields that joined since (objective: the prior's term and scale) leave it too.
  const { objective: _objective, ...recorded } = report as R & { objective?: unknown };
  return { ...recorded, config: Object.fromEntries(Object.entries(report.config).filter(([k]) => RECORDED_KEYS.includes(k))) as unknown as Config } as unknown as R;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Every number a probe run reports, and its fingerprint. */
function probeHash(query: string): string {
  const run = runProbe(cleanConfig(query));
  return `${probeFingerprint(run.probe)}:${fnv(JSON.stringify(layerReports(run.probe)))}`;
}

function trainingHash(query: string, steps: number): string {
  const config = cleanConfig(query);
  const report = runTraining(config, steps, { track: true, digits: config.data === 'digits' ? loadTestDigits() : null });
  const all = [report, ...(report.variants ?? [])];
  return all.map((r) => `${r.fingerprint}:${fnv(JSON.stringify({ ...asRecorded(r), variant: undefined, variants: undefined }))}`).join(' ');
}

const FILE = new URL('./golden.json', import.meta.url);
const recording = process.env.GOLDEN_RECORD === '1';
const golden: Record<string, string> = recording ? {} : JSON.parse(readFileSync(FILE, 'utf8'));

describe('the same links give the same bits as before the redesign', () => {
  for (const query of PROBES) {
    it(`probe ${query}`, () => {
      const got = probeHash(query);
      if (recording) golden[`probe ${query}`] = got;
      else expect(got).toBe(golden[`probe ${query}`]);
    });
  }
  for (const [query, steps] of TRAININGS) {
    it(`train ${query} --steps ${steps}`, () => {
      const got = trainingHash(query, steps);
      if (recording) golden[`train ${query} --steps ${steps}`] = got;
      else expect(got).toBe(golden[`train ${query} --steps ${steps}`]);
    }, 30_000);
  }
  if (recording) it('writes golden.json', () => writeFileSync(FILE, `${JSON.stringify(golden, null, 1)}\n`));
});
