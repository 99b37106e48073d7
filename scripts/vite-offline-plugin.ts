/**
 * A Vite plugin that makes the production build work offline after one visit: it writes sw.js
 * (scripts/service-worker.js with the build's file list prepended) into the build. The list is
 * every file the build emitted or copied from public/, except source maps and the font formats
 * no browser with service workers needs (each KaTeX font also ships as woff2) and the large data
 * files fetched only when their data set is picked (cached then, as any file); the cache name is
 * a hash of their contents, so a new build gets a new cache and the old one is deleted.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { ON_DEMAND_FILES } from '../engine/contract/datasets.ts';

export const SERVICE_WORKER_FILE = 'sw.js';

/** Files the service worker fetches ahead: not source maps, old font formats when woff2 is there, or on-demand data. */
export function precached(files: readonly string[], onDemand: readonly string[] = ON_DEMAND_FILES): string[] {
  const hasWoff2 = files.some((f) => f.endsWith('.woff2'));
  return files
    .filter((f) => f !== SERVICE_WORKER_FILE && !onDemand.includes(f) && !f.endsWith('.map') && !f.split('/').some((part) => part.startsWith('.')))
    .filter((f) => !(hasWoff2 && /\.(woff|ttf|eot)$/.test(f)))
    .sort();
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

export function offlinePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'layerscope-offline',
    apply: 'build',
    enforce: 'post', // after Vite has emitted index.html and the CSS
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const contents = new Map<string, string | Uint8Array>();
      for (const [fileName, output] of Object.entries(bundle)) {
        contents.set(fileName, output.type === 'chunk' ? output.code : output.source);
      }
      if (config.publicDir && config.build.copyPublicDir) {
        for (const file of filesUnder(config.publicDir)) {
          if (!contents.has(file)) contents.set(file, readFileSync(join(config.publicDir, file)));
        }
      }
      if (!contents.has('index.html')) this.error('no index.html in the build: the service worker would have no page to open offline');
      const files = precached([...contents.keys()]);
      const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
      const hash = createHash('sha256').update(template);
      for (const file of files) hash.update(file).update('\0').update(contents.get(file)!).update('\0');
      const version = hash.digest('hex').slice(0, 12);
      // './' is the page as a static host serves the folder; index.html the same page by name.
      const list = { version, files: ['./', ...files] };
      this.emitFile({
        type: 'asset',
        fileName: SERVICE_WORKER_FILE,
        source: `const PRECACHE = ${JSON.stringify(list, null, 1)};\n\n${template}`,
      });
    },
  };
}
