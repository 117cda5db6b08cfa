import { t } from './translate';

/** Item statuses as the API names them, and the words staff read for each. */
const KNOWN = [
  'submitted',
  'fact-checked',
  'blocked',
  'awaiting-approval',
  'changes-requested',
  'scheduled',
  'published',
  'evaluated',
  'evaluation-failed',
  'rejected',
  'expired',
  'failed',
  'cancelled',
] as const;

export const statusLabel = (status: string): string =>
  (KNOWN as readonly string[]).includes(status) ? t(`status.${status}`) : t('status.unknown');
