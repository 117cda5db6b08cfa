import { createServer } from 'node:net';

/** A free TCP port on loopback (asked of the OS, then released). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

/** Every local service's port setting, each on a free port: for tests and scripts that run beside `npm start`. */
export const freePortSettings = async (): Promise<Record<string, string>> => {
  const names = [
    'PORT',
    'SEBAR_DYNAMODB_PORT',
    'SEBAR_S3_PORT',
    'SEBAR_SFN_PORT',
    'SEBAR_SANDBOX_PORT',
    'SEBAR_SES_PORT',
    'SEBAR_SCHEDULER_PORT',
    'SEBAR_SQS_PORT',
  ];
  const ports = await Promise.all(names.map(() => freePort()));
  return Object.fromEntries(names.map((n, i) => [n, String(ports[i])]));
};
