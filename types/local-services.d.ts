declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 'dynalite/db/index.js' {
  /** DynamoDB's item size rules (attribute names and values), in bytes. */
  export function itemSize(item: Record<string, unknown>): number;
  /** On-demand units for an item: 1 per KB written, 1 per 4 KB read (half when eventually consistent). */
  export function capacityUnits(
    item: Record<string, unknown> | undefined,
    isRead: boolean,
    isConsistent?: boolean,
  ): number;
}
