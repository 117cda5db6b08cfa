import * as z from 'zod';
import { type HttpEvent, type HttpResult, httpRouter, rawBody, route } from '../common/http';
import {
  confirmationPage,
  type Lang,
  messagePage,
  resendPage,
  text,
} from '../domain/approval/approval-views';
import { type ApprovalOutcome, decideApproval, showApproval } from '../domain/approval/decide-approval';

const SECURITY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const approvalIdSchema = z.string().regex(/^a[A-Za-z0-9_-]{26}$/);
const linkSchema = z.object({
  exp: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
const formSchema = linkSchema.extend({
  nonce: z.string().max(200),
  decision: z.enum(['approve', 'changes', 'reject']),
  comment: z.string().max(2000).optional(),
  lang: z.enum(['id', 'en']).optional(),
  // A late approval's choice (docs/decisions/0017); an empty field is the same as none.
  lateChoice: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['now', 'new-time']).optional()),
  newPublishAt: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
});

/**
 * Bahasa Indonesia unless the link or form says `lang=en` (links carry it for items whose approval
 * language is English, and the page offers a switch). The browser's language is not used: office PCs
 * often run English browsers for staff who read Indonesian.
 */
const pickLang = (event: HttpEvent, explicit?: string): Lang => {
  if (explicit === 'en' || explicit === 'id') return explicit;
  return event.queryStringParameters?.lang === 'en' ? 'en' : 'id';
};

const invalid = (event: HttpEvent, lang: Lang, status = 400): HttpResult =>
  render(event, lang, { kind: 'message', status, title: 'pageTitle', message: 'invalid' });

const render = (event: HttpEvent, lang: Lang, outcome: ApprovalOutcome): HttpResult => {
  const body =
    outcome.kind === 'confirm'
      ? confirmationPage(lang, outcome.model)
      : outcome.kind === 'resend'
        ? resendPage(lang, outcome.model)
        : messagePage(lang, text(lang, outcome.title), text(lang, outcome.message), outcome.schedule);
  return {
    statusCode: outcome.status,
    headers: SECURITY_HEADERS,
    body: event.requestContext.http.method === 'HEAD' ? '' : body,
  };
};

/** POST: the page's buttons decide (single use; every decision audited with who, when and from where). */
const decide = async (event: HttpEvent): Promise<HttpResult> => {
  const idResult = approvalIdSchema.safeParse(event.pathParameters?.id);
  const form = Object.fromEntries(new URLSearchParams(rawBody(event).subarray(0, 16_384).toString('utf8')));
  const parsed = formSchema.safeParse(form);
  const lang = pickLang(event, parsed.success ? parsed.data.lang : undefined);
  if (!idResult.success) return invalid(event, lang, 404);
  if (!parsed.success) return invalid(event, lang);
  const outcome = await decideApproval(
    { approvalId: idResult.data, ...parsed.data },
    {
      ip: event.requestContext.http.sourceIp,
      userAgent: event.requestContext.http.userAgent ?? event.headers['user-agent'] ?? '',
    },
  );
  // A refused late approval comes back as the page itself, to make the choice and press again.
  return render(event, lang, withLinks(event, lang, parsed.data, outcome));
};

/** The page's own address (its form posts there) and the same page in the other language. */
const withLinks = (
  event: HttpEvent,
  lang: Lang,
  link: z.output<typeof linkSchema>,
  outcome: ApprovalOutcome,
): ApprovalOutcome => {
  const formAction = `${event.rawPath}${lang === 'en' ? '?lang=en' : ''}`;
  if (outcome.kind === 'resend') return { ...outcome, model: { ...outcome.model, formAction } };
  if (outcome.kind !== 'confirm') return outcome;
  const other = lang === 'en' ? 'id' : 'en';
  const switchUrl = `${event.rawPath}?exp=${link.exp}&sig=${link.sig}&lang=${other}`;
  return { ...outcome, model: { ...outcome.model, formAction, switchUrl } };
};

/** GET and HEAD only ever render; scanners that open the link change nothing. */
const show = async (event: HttpEvent): Promise<HttpResult> => {
  const idResult = approvalIdSchema.safeParse(event.pathParameters?.id);
  const lang = pickLang(event);
  if (!idResult.success) return invalid(event, lang, 404);
  const link = linkSchema.safeParse(event.queryStringParameters ?? {});
  if (!link.success) return invalid(event, lang);
  const outcome = await showApproval({ approvalId: idResult.data, ...link.data }, event.rawPath);
  return render(event, lang, withLinks(event, lang, link.data, outcome));
};

// The page validates its own input so that a bad link gets a readable page, not a JSON error.
export const handler = httpRouter({
  'GET /approvals/{id}': route({ auth: 'public', handle: async ({ event }) => show(event) }),
  'HEAD /approvals/{id}': route({ auth: 'public', handle: async ({ event }) => show(event) }),
  'POST /approvals/{id}': route({ auth: 'public', handle: async ({ event }) => decide(event) }),
});
