import { parseQuery } from '../engine/contract/config.ts';
import { runProbe } from '../engine/experiment.ts';
import { probeFingerprint } from '../engine/contract/fingerprint.ts';
import { expect, test } from './fixtures';

// The same link must give the same bits in Chromium's worker as in Node: the fingerprint hashes
// every statistic and histogram of the probe. The queries cover every activation's Math calls
// (tanh, exp, expm1, erf), both input distributions, and the QR behind orthogonal and LSUV.
const QUERIES = [
  '',
  'act=relu&init=he_normal&depth=12&width=64&batch=128',
  'act=gelu&init=orthogonal&depth=6&width=32&input=uniform&seed=9',
  'act=selu&init=lecun_normal&depth=8&width=48&batch=64',
  'act=elu&init=lsuv&depth=5&width=40&batch=50',
  'act=sigmoid&init=standard&depth=4&width=100&bias=0.5',
  'act=leaky_relu&init=he_uniform&fan=out&depth=7&width=30',
  'act=linear&init=normal&std=1&depth=40&width=64&batch=32',
];

for (const query of QUERIES) {
  test(`Chromium reproduces Node's numbers bit for bit: "${query || 'defaults'}"`, async ({ page }) => {
    const expected = probeFingerprint(runProbe(parseQuery(query).config).probe);
    await page.goto(query ? `/?${query}` : '/');
    await expect(page.getByLabel('result fingerprint')).toHaveText(expected);
  });
}
