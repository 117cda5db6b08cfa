import { sendRawEmail } from '../common/aws/ses';
import { buildMime, type Email } from '../domain/support/mime';

/** Sends through SES v2 (on AWS) or the local outbox, which speaks the same API. */
export const sendEmail = async (email: Email): Promise<string> =>
  sendRawEmail({ from: email.from, to: email.to, raw: Buffer.from(buildMime(email), 'utf8') });
