import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { indonesianHolidaysOnly } from './holidays-plugin';

/** The staff console: a static build served by the local gateway (and, on AWS, from S3 behind CloudFront). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact(), indonesianHolidaysOnly()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest tells the size check which chunks the first page load needs.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
});
