import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shipModulesCommands, shippedModuleFolders } from '../../infra/constructs/shipped-modules';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('packages shipped beside a bundle', () => {
  it('takes the packages and their whole dependency tree from package-lock.json, nested copies inside their parent', () => {
    const folders = shippedModuleFolders(repoRoot, ['tesseract.js', '@tesseract.js-data/ind']);
    expect(folders).toEqual(
      expect.arrayContaining([
        'node_modules/tesseract.js',
        'node_modules/tesseract.js-core',
        'node_modules/@tesseract.js-data/ind',
        'node_modules/wasm-feature-detect',
        'node_modules/is-url',
        // node-fetch's own dependencies, two levels down.
        'node_modules/whatwg-url',
        'node_modules/tr46',
      ]),
    );
    // tesseract.js keeps its own regenerator-runtime in its folder: copied with it, not on its own.
    expect(folders.some((f) => f.startsWith('node_modules/tesseract.js/'))).toBe(false);
    expect(folders).not.toContain('node_modules/sharp');
  });

  it('refuses a package the lock file does not have', () => {
    expect(() => shippedModuleFolders(repoRoot, ['no-such-package-here'])).toThrow(
      /not in package-lock.json/,
    );
  });

  it('ships only the run-time files of a package whose declared dependencies it never loads (sastrawijs)', () => {
    expect(shippedModuleFolders(repoRoot, ['sastrawijs'])).toEqual([]);
    const commands = shipModulesCommands(repoRoot, '/out', ['sastrawijs']);
    expect(commands).toContain(
      `mkdir -p "/out/node_modules/sastrawijs/dist" && cp "${repoRoot}/node_modules/sastrawijs/dist/sastrawijs.cjs.js" "/out/node_modules/sastrawijs/dist/sastrawijs.cjs.js"`,
    );
    expect(commands.join('\n')).not.toMatch(/babel|core-js|lodash/);
  });

  it('copies each folder to the same place under the bundle folder', () => {
    const [first] = shipModulesCommands(repoRoot, '/out', ['@tesseract.js-data/ind']);
    expect(first).toBe(
      `mkdir -p "/out/node_modules/@tesseract.js-data" && cp -R "${repoRoot}/node_modules/@tesseract.js-data/ind" "/out/node_modules/@tesseract.js-data/ind"`,
    );
  });
});
