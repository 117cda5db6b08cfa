import { buildConsole, formatKb, INITIAL_JS_BUDGET_BYTES } from '../local/console-build';

/** `npm run build:console`: the Vite build of web/, then the initial JavaScript size against its budget. */
try {
  const initial = await buildConsole();
  console.log(
    `Initial JavaScript: ${formatKb(initial.gzipBytes)} gzipped (${formatKb(initial.bytes)} raw, ${initial.files.length} file(s)); budget ${formatKb(INITIAL_JS_BUDGET_BYTES)}.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
