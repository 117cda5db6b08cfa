import { Annotations, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { type StageConfig, stageConfigFromContext } from './stage-config';

/** The deployment's settings, read from CDK context (`cdk deploy -c mailFrom=...`) and checked at synth. */

export interface SebarSettings {
  /** Sender of approval emails (context `mailFrom`). */
  readonly mailFrom: string;
  /** SES domain identity the functions may send from (context `mailDomain`, default: mailFrom's domain). */
  readonly mailDomain: string;
  /** Approvers used when an item names none (context `approvers`: a list or comma-separated). */
  readonly approvers: readonly string[];
  /** Staff front-end origins allowed by CORS (context `corsOrigins`); none by default. */
  readonly corsOrigins: readonly string[];
  /** Platform account ids (context `instagramUserId`, `xUserId`); publishing refuses to run without them. */
  readonly instagramUserId?: string;
  readonly xUserId?: string;
  /** Who the alarms email (context `alarmEmail`); without it the alarm topic has no subscription. */
  readonly alarmEmail?: string;
  /** The stage (`-c stage=dev|prod`) and what differs between stages (./stage-config.ts). */
  readonly stage: StageConfig;
  /** The records archive's Object Lock (docs/decisions/0025): context `archiveRetentionYears`, `archiveLockMode`. */
  readonly archive: { readonly retentionYears: number; readonly lockMode: 'GOVERNANCE' | 'COMPLIANCE' };
}

/** Ten years: publication records are kept years under the office's retention schedule (JRA); see ADR 0025. */
export const DEFAULT_ARCHIVE_RETENTION_YEARS = 10;

const archiveSchema = z.object({
  retentionYears: z.coerce
    .number()
    .int('archiveRetentionYears must be a whole number of years')
    .min(1, 'archiveRetentionYears must be at least 1')
    .max(100, 'archiveRetentionYears must be at most 100')
    .default(DEFAULT_ARCHIVE_RETENTION_YEARS),
  lockMode: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
});

/** Context `archiveRetentionYears` (default 10) and `archiveLockMode` (default GOVERNANCE), checked at synth. */
export const archiveFrom = (years: unknown, mode: unknown): SebarSettings['archive'] => {
  const parsed = archiveSchema.safeParse({
    retentionYears: years === '' || years === null ? undefined : years,
    lockMode: mode === '' || mode === null ? undefined : typeof mode === 'string' ? mode.toUpperCase() : mode,
  });
  if (!parsed.success)
    throw new Error(
      `Context archiveRetentionYears/archiveLockMode: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  return parsed.data;
};

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const listFromContext = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((x) => String(x).trim()).filter(Boolean);
};

/** Reads and checks the deployment settings from CDK context, failing the synth with a clear message. */
export const settingsFromContext = (scope: IConstruct): SebarSettings => {
  const ctx = (key: string): unknown => scope.node.tryGetContext(key);
  const mailFrom = String(ctx('mailFrom') ?? 'humas@dinkes.example.go.id').trim();
  if (!EMAIL.test(mailFrom)) throw new Error(`Context mailFrom must be an email address, got "${mailFrom}"`);
  const mailDomain = String(ctx('mailDomain') ?? mailFrom.slice(mailFrom.indexOf('@') + 1))
    .trim()
    .toLowerCase();
  const fromDomain = mailFrom.slice(mailFrom.indexOf('@') + 1).toLowerCase();
  if (fromDomain !== mailDomain && !fromDomain.endsWith(`.${mailDomain}`)) {
    throw new Error(
      `mailFrom ${mailFrom} is not in the SES identity domain ${mailDomain} (context mailDomain)`,
    );
  }
  const approvers = listFromContext(ctx('approvers'));
  if (approvers.length === 0) approvers.push('kepala.dinas@dinkes.example.go.id');
  const badApprover = approvers.find((a) => !EMAIL.test(a));
  if (badApprover) throw new Error(`Context approvers holds "${badApprover}", which is not an email address`);
  const corsOrigins = listFromContext(ctx('corsOrigins'));
  const badOrigin = corsOrigins.find((o) => !/^https:\/\/[^/\s]+$/.test(o));
  if (badOrigin) throw new Error(`Context corsOrigins holds "${badOrigin}"; use https://host[:port]`);
  const accountId = (key: string): string | undefined => {
    const v = ctx(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (!/^\d+$/.test(String(v)))
      throw new Error(`Context ${key} must be the numeric account id, got "${String(v)}"`);
    return String(v);
  };
  // The stack's region, when there is a stack (tests read the settings from a bare App).
  const stack = scope.node.scopes.find((s): s is Stack => Stack.isStack(s));
  const stage = stageConfigFromContext(scope, stack?.region);
  const { alarmEmail } = stage;
  if (!alarmEmail) {
    // Info, as the staff console's missing build is: a warning would count as a finding in the validation report.
    Annotations.of(scope).addInfo(
      'Context alarmEmail is not set: alarms go to the SNS topic, but nobody is subscribed to it. ' +
        'Deploy with -c alarmEmail=someone@example.org to have them emailed.',
    );
  }
  return {
    mailFrom,
    mailDomain,
    approvers,
    corsOrigins,
    instagramUserId: accountId('instagramUserId'),
    xUserId: accountId('xUserId'),
    ...(alarmEmail ? { alarmEmail } : {}),
    stage,
    archive: archiveFrom(ctx('archiveRetentionYears'), ctx('archiveLockMode')),
  };
};
