import { isAscii } from 'node:buffer';

/**
 * A long answer built by concatenation, as the bytes to send. Given the
 * string, Fastify measures its UTF-8 length for `content-length` and the
 * socket encodes it again, each pass walking the concatenated pieces (about
 * 50 us for a 40 KiB curve under load, docs/performance.md). ASCII text,
 * the usual case, has the same bytes in Latin-1, copied in one pass and
 * checked in a few microseconds; any other text is encoded as UTF-8.
 */
export function textBody(text: string): Buffer {
  const bytes = Buffer.from(text, 'latin1');
  return isAscii(bytes) ? bytes : Buffer.from(text, 'utf8');
}
