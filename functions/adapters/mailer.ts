import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../common/aws/ses';
import { buildMime, type Email } from '../domain/support/mime';

/** Sends through SES v2 (on AWS) or the local outbox, which speaks the same API. */
export const sendEmail = async (email: Email): Promise<string> => {
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [...email.to] },
      Content: { Raw: { Data: Buffer.from(buildMime(email), 'utf8') } },
    }),
  );
  return out.MessageId ?? '';
};
