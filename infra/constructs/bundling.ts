import type { BuildOptions } from 'esbuild';
import type { FunctionSpec } from '../catalog';

/**
 * How esbuild bundles a Sebar function: one description read by the CDK construct (sebar-function.ts) and by
 * the bundle benchmark (scripts/bench-bundles.ts), so what is measured is what is deployed. Plain data, no
 * CDK imports.
 */
export interface BundleSettings {
  readonly format: 'esm';
  readonly platform: 'node';
  readonly target: string;
  readonly mainFields: readonly string[];
  /** The handlers are ESM; the CommonJS packages bundled into them call require(), which needs a real one. */
  readonly banner: string;
  readonly minify: boolean;
  readonly sourceMap: boolean;
  readonly sourcesContent: boolean;
  /** Left out of the bundle: installed (native) or copied (shipped) beside it by the synth. */
  readonly external: readonly string[];
}

export const bundleSettings = (spec: FunctionSpec): BundleSettings => ({
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  external: [...(spec.nativeModules ?? []), ...(spec.shippedModules ?? [])],
});

/**
 * The same settings as esbuild's own options, for the scripts that run esbuild directly (the bundle
 * benchmark and `npm run bundle:parts`); CDK is given them one by one in sebar-function.ts.
 */
export const esbuildOptions = (spec: FunctionSpec, repoRoot: string): BuildOptions => {
  const s = bundleSettings(spec);
  return {
    bundle: true,
    format: s.format,
    platform: s.platform,
    target: s.target,
    mainFields: [...s.mainFields],
    banner: { js: s.banner },
    minify: s.minify,
    sourcemap: s.sourceMap,
    sourcesContent: s.sourcesContent,
    external: [...s.external],
    absWorkingDir: repoRoot,
    logLevel: 'error',
  };
};
