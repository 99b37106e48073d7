import { describe, expect, it } from 'vitest';
import { precached } from './vite-offline-plugin.ts';

describe('precached', () => {
  it('lists the build sorted, without source maps, dotfiles, the service worker or fonts that have a woff2', () => {
    expect(precached([
      'index.html', 'assets/index-abc.js', 'assets/index-abc.js.map', 'sw.js', '.DS_Store', 'assets/.hidden/x.js',
      'assets/KaTeX_Main-Regular-1.woff2', 'assets/KaTeX_Main-Regular-2.woff', 'assets/KaTeX_Main-Regular-3.ttf', 'digits.bin',
    ])).toEqual(['assets/KaTeX_Main-Regular-1.woff2', 'assets/index-abc.js', 'digits.bin', 'index.html']);
  });

  it('leaves the large data files to be fetched when picked', () => {
    expect(precached(['digits.bin', 'fashion.bin', 'index.html', 'mnist.bin'])).toEqual(['digits.bin', 'index.html']);
  });

  it('keeps woff and ttf when the build has no woff2', () => {
    expect(precached(['a.woff', 'b.ttf'])).toEqual(['a.woff', 'b.ttf']);
  });
});
