import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker } from 'tesseract.js';
import { config } from '../common/config';
import { getObjectBytes } from './media-store';

/**
 * Reads the text of an image with tesseract.js (WebAssembly, in a worker thread), in Indonesian, from the
 * language data that ships in the `@tesseract.js-data/ind` package: nothing is fetched at run time.
 *
 * One worker per process, started on first use and kept (a warm Lambda reuses it); tesseract.js is
 * imported only then, so functions that never read image text never load it. On Lambda the two packages
 * are shipped beside the bundle (catalog `shippedModules`), because tesseract.js loads its worker script
 * and the wasm core from its own folders.
 */

export interface ImageText {
  readonly text: string;
  /** Wall time of this image, including the worker start when this image started it. */
  readonly ms: number;
}

export class ImageTextError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'unreadable',
  ) {
    super(message);
    this.name = 'ImageTextError';
  }
}

// Not named `require`: the Lambda bundle's banner declares one at the top of the file.
const resolveHere = createRequire(import.meta.url);

/**
 * The worker's options. `langPath` is a folder, not a URL, so tesseract.js reads the file from disk;
 * `cacheMethod: 'none'` keeps it from writing a cache copy (Lambda's file system is read-only).
 */
export const imageTextOptions = () => {
  const dataPackage = path.dirname(resolveHere.resolve('@tesseract.js-data/ind/package.json'));
  return {
    // The LSTM-only "best_int" model: smaller and faster than the 4.0.0 folder, which adds legacy data.
    langPath: path.join(dataPackage, '4.0.0_best_int'),
    gzip: true,
    cacheMethod: 'none',
  } as const;
};

export const IMAGE_TEXT_LANGUAGE = 'ind';

interface Running {
  readonly worker: Worker;
  /** Set while a job runs: how a crash of the worker thread fails that job. */
  crashed?: (error: unknown) => void;
}

let running: Promise<Running> | undefined;
let lastStartMs: number | undefined;
// One job at a time: the worker runs jobs in turn anyway, and each image's timeout should count its own work.
let queue: Promise<unknown> = Promise.resolve();

/** How long the current worker took to start (undefined before the first start). */
export const imageTextWorkerStartMs = (): number | undefined => lastStartMs;

const start = async (): Promise<Running> => {
  const started = performance.now();
  // A CommonJS package: its exports arrive as `default` (and as named exports when Node can detect them).
  const { createWorker, OEM } = (await import('tesseract.js')).default;
  const worker = await createWorker(IMAGE_TEXT_LANGUAGE, OEM.LSTM_ONLY, {
    ...imageTextOptions(),
    // A failed job already rejects its promise; without a handler tesseract.js would also throw the error
    // on the main thread, which ends the process.
    errorHandler: () => undefined,
  });
  const r: Running = { worker };
  const current = running;
  // The worker thread itself (not part of the typed API): if it dies, fail the job and start afresh next time.
  const thread = (worker as unknown as { worker?: NodeJS.EventEmitter }).worker;
  thread?.on('error', (error: unknown) => {
    if (running === current) running = undefined;
    r.crashed?.(error);
  });
  lastStartMs = performance.now() - started;
  return r;
};

const currentWorker = (): Promise<Running> => {
  running ??= start().catch((error: unknown) => {
    running = undefined;
    throw error;
  });
  return running;
};

/** Ends the worker (tests, the benchmark, and after a timeout: a stuck job cannot be cancelled). */
export const stopImageText = async (): Promise<void> => {
  const current = running;
  running = undefined;
  if (!current) return;
  const r = await current.catch(() => undefined);
  await r?.worker.terminate().catch(() => undefined);
};

/** Drops the worker without waiting for it (it may still be starting, or busy with a job that ran out of time). */
const abandonWorker = (): void => {
  const current = running;
  running = undefined;
  void current?.then((r) => r.worker.terminate()).catch(() => undefined);
};

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);

const recognizeNow = async (image: Buffer, timeoutMs: number): Promise<ImageText> => {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let r: Running | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ImageTextError(`timed out after ${timeoutMs} ms`, 'timeout')),
      timeoutMs,
    );
  });
  try {
    r = await Promise.race([currentWorker(), stopped]);
    const worker = r;
    const crashed = new Promise<never>((_, reject) => {
      worker.crashed = (error) => reject(new ImageTextError(messageOf(error), 'unreadable'));
    });
    const job = worker.worker.recognize(image);
    // After a timeout or a crash nobody waits for the job; it must not become an unhandled rejection.
    job.catch(() => undefined);
    const result = await Promise.race([job, crashed, stopped]);
    return { text: result.data.text, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof ImageTextError) {
      // A timed-out job keeps the worker busy: the next image gets a fresh worker.
      if (error.reason === 'timeout') abandonWorker();
      throw error;
    }
    throw new ImageTextError(messageOf(error), 'unreadable');
  } finally {
    clearTimeout(timer);
    if (r) r.crashed = undefined;
  }
};

/**
 * Reads the text of one image (JPEG or PNG bytes) within `timeoutMs`, a worker start included. Throws
 * ImageTextError when the image cannot be read or the time runs out.
 */
export const recognizeImage = (image: Buffer, timeoutMs: number): Promise<ImageText> => {
  const turn = queue.then(() => recognizeNow(image, timeoutMs));
  queue = turn.catch(() => undefined);
  return turn;
};

/** Reads the text of an image stored in the media bucket. */
export const readMediaText = async (key: string): Promise<ImageText> => {
  const bytes = await getObjectBytes(key);
  return recognizeImage(bytes, config().IMAGE_TEXT_TIMEOUT_MS);
};
