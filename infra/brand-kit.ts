import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IConstruct } from 'constructs';
import { BrandFileError, brandFromFile } from '../functions/domain/infographics/brand-file';

/** Where the infographics function finds the brand kit the synth shipped beside its bundle. */
export const SHIPPED_BRAND_PATH = '/var/task/brand.json';

/**
 * Context `brandFile` (a brand kit JSON, its logo named relative to it): read and checked at synth, so a
 * colour below 4.5:1 or a missing logo fails the synth, not the first infographic. The checked kit, logo
 * inlined, is written to a staging file the function's bundling copies in. Undefined: the default palette.
 */
export const stagedBrandKit = (scope: IConstruct, repoRoot: string): string | undefined => {
  const file = scope.node.tryGetContext('brandFile') as unknown;
  if (file === undefined || file === null || file === '') return undefined;
  if (typeof file !== 'string')
    throw new Error('Context brandFile must be the path of a brand kit JSON file');
  let brand: ReturnType<typeof brandFromFile>;
  try {
    brand = brandFromFile(path.resolve(repoRoot, file));
  } catch (error) {
    if (error instanceof BrandFileError) throw new Error(`Context brandFile: ${error.message}`);
    throw error;
  }
  const staged = path.join(mkdtempSync(path.join(tmpdir(), 'sebar-brand-')), 'brand.json');
  writeFileSync(staged, JSON.stringify(brand));
  return staged;
};
