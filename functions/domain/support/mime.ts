import { randomBytes } from 'node:crypto';

export interface Email {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: Record<string, string>;
  /** Images shown in the HTML part (`<img src="cid:...">`). */
  readonly inline?: readonly { cid: string; contentType: string; data: Buffer }[];
}

const encodeHeader = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const base64Lines = (text: string): string =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');

/**
 * A MIME message as SES SendEmail accepts it raw: multipart/alternative (plain text and HTML), wrapped in
 * multipart/related when the HTML shows inline images.
 */
export const buildMime = (email: Email, now = new Date()): string => {
  const boundary = () => `sebar-${randomBytes(12).toString('hex')}`;
  const alt = boundary();
  const domain = email.from.split('@')[1] ?? 'sebar.local';
  const inline = email.inline ?? [];
  const related = inline.length ? boundary() : undefined;
  const headers = [
    `From: ${email.from}`,
    `To: ${email.to.join(', ')}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomBytes(16).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    ...Object.entries(email.headers ?? {}).map(([k, v]) => `${k}: ${encodeHeader(v)}`),
    related
      ? `Content-Type: multipart/related; boundary="${related}"; type="multipart/alternative"`
      : `Content-Type: multipart/alternative; boundary="${alt}"`,
  ];
  const part = (type: string, body: string) =>
    [
      `--${alt}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join('\r\n');
  const alternative = [part('text/plain', email.text), part('text/html', email.html), `--${alt}--`, ''].join(
    '\r\n',
  );
  if (!related) return [...headers, '', alternative].join('\r\n');
  const images = inline.map((img) =>
    [
      `--${related}`,
      `Content-Type: ${img.contentType}`,
      'Content-Transfer-Encoding: base64',
      `Content-ID: <${img.cid}>`,
      `Content-Disposition: inline; filename="${img.cid}"`,
      '',
      img.data.toString('base64').replace(/.{1,76}/g, '$&\r\n'),
    ].join('\r\n'),
  );
  return [
    ...headers,
    '',
    `--${related}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    alternative,
    ...images,
    `--${related}--`,
    '',
  ].join('\r\n');
};
