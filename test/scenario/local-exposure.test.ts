import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestRuntime, testEnv } from '../helpers/local';

/** What the local runtime exposes: the gateway on loopback by default, and the token shown only when made. */

const reachable = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

/** An address of this machine that is not loopback (a network card), when it has one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** The test settings without a token, so the runtime makes one as a first `npm start` does. */
const settingsWithoutToken = async () => {
  const t = await testEnv();
  const { SEBAR_API_TOKEN: _given, ...env } = t.env;
  return { ...t, env };
};

describe('local exposure', () => {
  it('makes the staff token on the first start only, and keeps it in the data folder', async () => {
    const t = await settingsWithoutToken();
    const first = await startTestRuntime(t);
    const token = first.apiToken;
    await first.stop();
    expect(first.apiTokenCreated).toBe(true);
    expect((await readFile(join(t.dataDir, 'api-token'), 'utf8')).trim()).toBe(token);

    const second = await startTestRuntime(t);
    await second.stop();
    expect(second.apiTokenCreated).toBe(false);
    expect(second.apiToken).toBe(token);
  });

  it.runIf(externalAddress)('listens on loopback unless SEBAR_HOST says otherwise', async () => {
    const t = await settingsWithoutToken();
    const port = Number(t.env.PORT);
    const rt = await startTestRuntime(t);
    try {
      expect(await reachable('127.0.0.1', port)).toBe(true);
      expect(await reachable(externalAddress as string, port)).toBe(false);
    } finally {
      await rt.stop();
    }
    const open = await startTestRuntime({ ...t, env: { ...t.env, SEBAR_HOST: '0.0.0.0' } });
    try {
      expect(await reachable(externalAddress as string, port)).toBe(true);
    } finally {
      await open.stop();
    }
  });
});
