import type { Platform } from '../functions/domain/content/content';

/**
 * Fault injection for the exactly-once tests, read from the local runtime's own settings and never part
 * of the deployed code: with `SEBAR_CRASH_AT=after-platform-post[:<platform>]` the process kills itself
 * (SIGKILL) once a platform has accepted a post and before Sebar writes it down, as a Lambda dies when it
 * runs out of memory or time.
 */
export const CRASH_POINTS = [
  'after-platform-post',
  'after-platform-post:instagram',
  'after-platform-post:x',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The publish hook for a crash point: kill at once, or only after a post on the named platform. */
export const crashHook = (at: CrashPoint | undefined): ((platform: Platform) => void) | undefined => {
  if (!at) return undefined;
  return (platform) => {
    if (at === 'after-platform-post' || at === `after-platform-post:${platform}`)
      process.kill(process.pid, 'SIGKILL');
  };
};

/**
 * Installs (or, without a crash point, removes) the hooks the in-process handlers publish with. Loaded
 * on demand, as the handlers are (lambda.ts): the handler modules create their AWS clients when first
 * imported, which must happen after the runtime has set the endpoint variables.
 */
export const injectFaults = async (at: CrashPoint | undefined): Promise<void> => {
  const { setPublishHooks } = await import('../functions/domain/publishing/publish');
  setPublishHooks({ afterPlatformPost: crashHook(at) });
};
