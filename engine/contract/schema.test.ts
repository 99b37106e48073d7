import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, CONFIG_SECTIONS } from './schema.ts';

describe('the schema', () => {
  it('groups every key into exactly one section, in table order (a link\'s key order)', () => {
    expect(Object.values(CONFIG_SECTIONS).flat()).toEqual(CONFIG_KEYS);
  });
});
