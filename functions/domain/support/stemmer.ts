import { createRequire } from 'node:module';
import type { Stemmer } from 'sastrawijs';

/**
 * The Indonesian stemmer (sastrawijs), loaded on first use. Its dictionary is about 300 KB of the bundles
 * that screen or classify text, and many requests of those functions never read a word; so it is never
 * bundled: the catalog lists it under `shippedModules` of each function that may stem, and it is required
 * from beside the bundle when the first word is stemmed (docs/decisions/0023). Synchronous, as the
 * stemmer's callers are.
 */
let stemmer: Stemmer | undefined;

export const indonesianStemmer = (): Stemmer => {
  stemmer ??= new (createRequire(import.meta.url)('sastrawijs') as typeof import('sastrawijs')).Stemmer();
  return stemmer;
};
