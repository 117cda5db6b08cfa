import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('ships satori as its one ESM build plus what it imports, and that copy lays out text on its own', () => {
    const folders = shippedModuleFolders(repoRoot, ['satori']);
    expect(folders).not.toContain('node_modules/satori');
    expect(folders).toEqual(
      expect.arrayContaining(['node_modules/@shuding/opentype.js', 'node_modules/linebreak']),
    );
    const out = mkdtempSync(path.join(tmpdir(), 'sebar-satori-'));
    try {
      for (const command of shipModulesCommands(repoRoot, out, ['satori'])) execSync(command);
      // Outside the project, so nothing resolves from its node_modules: only what was copied.
      const font = path.join(
        repoRoot,
        'node_modules/@expo-google-fonts/plus-jakarta-sans/400Regular/PlusJakartaSans_400Regular.ttf',
      );
      writeFileSync(
        path.join(out, 'render.mjs'),
        `import { readFileSync } from 'node:fs';
import satori from 'satori';
const svg = await satori({ type: 'div', props: { style: { display: 'flex', fontSize: 32 }, children: 'Cek kesehatan gratis' } }, {
  width: 400, height: 100, fonts: [{ name: 'Jakarta', data: readFileSync(${JSON.stringify(font)}), weight: 400, style: 'normal' }],
});
console.log(svg.length, svg.includes('<path'));`,
      );
      const printed = execFileSync(process.execPath, [path.join(out, 'render.mjs')], { cwd: out }).toString();
      const [length, hasPaths] = printed.trim().split(' ');
      expect(Number(length)).toBeGreaterThan(1000);
      expect(hasPaths).toBe('true');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
