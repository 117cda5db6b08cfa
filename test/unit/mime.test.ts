import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../functions/domain/support/html';
import { buildMime } from '../../functions/domain/support/mime';

interface Part {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A small independent reader for the message buildMime writes: headers, boundary and decoded parts. */
const parse = (raw: string) => {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = Object.fromEntries(
    head.split('\r\n').map((line) => {
      const i = line.indexOf(':');
      return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
    }),
  );
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type'] ?? '')?.[1] ?? '';
  const body = rest.join('\r\n\r\n');
  const chunks = body.split(`--${boundary}`);
  const parts: Part[] = chunks.slice(1, -1).map((chunk) => {
    const [ph = '', ...pb] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
    const partHeaders = Object.fromEntries(
      ph.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
      }),
    );
    const b64 = pb.join('').replace(/\s+/g, '');
    return { headers: partHeaders, body: Buffer.from(b64, 'base64').toString('utf8') };
  });
  return { headers, boundary, parts, closing: chunks.at(-1) ?? '' };
};

const decodeWord = (encoded: string): string => {
  const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(encoded);
  if (!m?.[1]) throw new Error(`not an RFC 2047 B-encoded word: ${encoded}`);
  return Buffer.from(m[1], 'base64').toString('utf8');
};

const email = {
  from: 'humas@dinkes.example.go.id',
  to: ['kepala.dinas@dinkes.example.go.id', 'sekretaris@dinkes.example.go.id'],
  subject: 'Persetujuan: Waspada DBD — musim hujan',
  text: 'Yth. Bapak/Ibu,\nMohon persetujuan untuk konten "Waspada DBD" (jadwal: Jumat, 27 November 2026 08.00 WIB).\nTerima kasih 🙏',
  html: '<p>Yth. Bapak/Ibu,</p><p>Mohon persetujuan untuk konten <b>Waspada DBD</b> — “3M Plus” 🦟</p>',
};

describe('buildMime', () => {
  const now = new Date('2026-11-27T01:00:00Z');
  const raw = buildMime({ ...email, headers: { 'X-Sebar-Item': 'c0abc', 'X-Judul': 'Cegah DBD ✓' } }, now);
  const msg = parse(raw);

  it('uses CRLF line endings only', () => {
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the envelope headers', () => {
    expect(msg.headers.from).toBe(email.from);
    expect(msg.headers.to).toBe('kepala.dinas@dinkes.example.go.id, sekretaris@dinkes.example.go.id');
    expect(msg.headers['mime-version']).toBe('1.0');
    expect(msg.headers.date).toBe('Fri, 27 Nov 2026 01:00:00 GMT');
    expect(msg.headers['message-id']).toMatch(/^<[0-9a-f]{32}@dinkes\.example\.go\.id>$/);
    expect(msg.headers['content-type']).toMatch(/^multipart\/alternative; boundary="[^"]+"$/);
  });

  it('encodes a non-ASCII subject as an RFC 2047 B-word that decodes back', () => {
    expect(msg.headers.subject).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(decodeWord(msg.headers.subject ?? '')).toBe(email.subject);
  });

  it('leaves a plain ASCII subject as it is', () => {
    const ascii = parse(buildMime({ ...email, subject: 'Persetujuan: Waspada DBD' }, now));
    expect(ascii.headers.subject).toBe('Persetujuan: Waspada DBD');
  });

  it('encodes extra headers the same way', () => {
    expect(msg.headers['x-sebar-item']).toBe('c0abc');
    expect(decodeWord(msg.headers['x-judul'] ?? '')).toBe('Cegah DBD ✓');
  });

  it('cannot be used to inject a header through the subject', () => {
    const injected = buildMime({ ...email, subject: 'Halo\r\nBcc: penyusup@example.com' }, now);
    expect(injected).not.toMatch(/^Bcc:/m);
    expect(decodeWord(parse(injected).headers.subject ?? '')).toBe('Halo\r\nBcc: penyusup@example.com');
  });

  it('has a text/plain part and a text/html part, in that order, that decode back to the input', () => {
    expect(msg.parts).toHaveLength(2);
    const [text, html] = msg.parts;
    expect(text?.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(text?.headers['content-transfer-encoding']).toBe('base64');
    expect(text?.body).toBe(email.text);
    expect(html?.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(html?.body).toBe(email.html);
  });

  it('closes the multipart body with the final boundary', () => {
    expect(raw).toContain(`\r\n--${msg.boundary}--\r\n`);
    expect(raw.endsWith(`--${msg.boundary}--\r\n`)).toBe(true);
  });

  it('wraps base64 lines at 76 characters', () => {
    const long = buildMime({ ...email, text: 'Informasi kesehatan. '.repeat(200) }, now);
    const lines = long.split('\r\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(998);
    const b64Lines = lines.filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l));
    expect(b64Lines.length).toBeGreaterThan(10);
    for (const line of b64Lines) expect(line.length).toBeLessThanOrEqual(76);
    expect(parse(long).parts[0]?.body).toBe('Informasi kesehatan. '.repeat(200));
  });

  it('uses a fresh boundary and message id for each message', () => {
    const other = parse(buildMime(email, now));
    expect(other.boundary).not.toBe(msg.boundary);
    expect(other.headers['message-id']).not.toBe(msg.headers['message-id']);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  it('leaves other text, including Indonesian and emoji, unchanged', () => {
    expect(escapeHtml('Cegah DBD — 3M Plus 🦟')).toBe('Cegah DBD — 3M Plus 🦟');
  });

  it('escapes an ampersand once (not idempotent by design: escaping twice escapes again)', () => {
    expect(escapeHtml('A & B')).toBe('A &amp; B');
    expect(escapeHtml(escapeHtml('A & B'))).toBe('A &amp;amp; B');
  });
});
