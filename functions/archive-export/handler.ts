import * as z from 'zod';
import { queueConsumer } from '../common/queue-consumer';
import { runExport } from '../domain/archive/export-run';

/**
 * Consumes the archive exports queue: builds each export's zip. A failure is written on the export's status
 * and the message goes back to the queue (three tries, then the dead-letter queue and its alarm).
 */
export const handler = queueConsumer('archive export', z.object({ exportId: z.uuid() }), (m) =>
  runExport(m.exportId),
);
