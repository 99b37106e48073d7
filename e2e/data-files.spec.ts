/**
 * A data file that is missing, truncated or not a data file at all: the lab says which file and
 * what is wrong with it, in words, and keeps working on another data set.
 */
import { expect, test } from './fixtures.ts';

const FAULTS: { name: string; serve: { status: number; body: Buffer }; says: RegExp }[] = [
  { name: 'missing (404)', serve: { status: 404, body: Buffer.from('not found') }, says: /HTTP 404/ },
  { name: 'truncated', serve: { status: 200, body: Buffer.concat([Buffer.from('LSDG'), Buffer.from([1, 8, 8, 16, 0x05, 0x07, 0, 0]), Buffer.alloc(300)]) }, says: /bytes, expected/ },
  { name: 'not a data file', serve: { status: 200, body: Buffer.from('<!doctype html><title>a host\'s error page</title>') }, says: /does not start with "LSDG"/ },
];

test.describe.configure({ timeout: 90_000 });

for (const fault of FAULTS) {
  test(`the digits file ${fault.name}: a readable error, then the lab trains on another data set`, async ({ page, guard }) => {
    guard.allow(/digits\.bin|404|Failed to load resource/);
    await page.route('**/digits.bin', (route) => route.fulfill({ status: fault.serve.status, body: fault.serve.body, contentType: 'application/octet-stream' }));
    await page.goto('/?data=digits&depth=1&width=16&batch=32');
    const status = page.getByRole('region', { name: 'Training' }).getByRole('status');
    await expect(status).toContainText('The 8×8 handwritten digits could not be read', { timeout: 30_000 });
    await expect(status).toContainText(fault.says);
    await expect(status).toContainText('Choose another data set');

    await page.getByRole('combobox', { name: 'Data set' }).selectOption('spiral');
    await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: 30_000 });
  });
}

test('fashion: its test images are read out by garment', async ({ page }) => {
  await page.goto('/?data=fashion&depth=1&width=16');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: 30_000 });
  const names = 'T-shirt/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot';
  const grid = page.getByRole('list', { name: 'the first 48 test digits' });
  await expect(grid.getByRole('listitem').first()).toHaveAccessibleName(new RegExp(`^Test image 1: a (${names}), predicted (${names}), (right|wrong)$`));
});

test('a truncated 28x28 file: the error names it and what is wrong', async ({ page, guard }) => {
  guard.allow(/fashion\.bin|Failed to load resource/);
  const bytes = Buffer.concat([Buffer.from('LSDG'), Buffer.from([1, 28, 28, 255, 0x70, 0x17, 0, 0]), Buffer.alloc(5000)]);
  await page.route('**/fashion.bin', (route) => route.fulfill({ status: 200, body: bytes, contentType: 'application/octet-stream' }));
  await page.goto('/?data=fashion&depth=1&width=16&batch=32');
  const status = page.getByRole('region', { name: 'Training' }).getByRole('status');
  await expect(status).toContainText('The 28×28 clothing (Fashion-MNIST) could not be read', { timeout: 30_000 });
  await expect(status).toContainText('fashion.bin: 5012 bytes, expected 4710012 for 6000 images of 28 x 28');
});

test('mnist: fetched only when picked, then trained, its test images drawn at 28 x 28', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => { if (request.url().endsWith('.bin')) fetched.push(new URL(request.url()).pathname); });
  await page.goto('/?data=spiral&depth=1&width=16');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: 30_000 });
  expect(fetched).toEqual([]);
  await page.getByRole('combobox', { name: 'Data set' }).selectOption('mnist');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: 30_000 });
  expect(fetched).toEqual(['/mnist.bin']);
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: 30_000 });
  const canvas = page.locator('.digit-image').first();
  await expect(canvas).toHaveAttribute('width', '28');
});
