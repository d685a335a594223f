/**
 * A long answer built by concatenation, as the bytes to send. Given the
 * string, Fastify measures its UTF-8 length for `content-length` and the
 * socket then encodes it, each pass walking the concatenated pieces (about
 * 50 us for a 40 KiB curve under load, docs/performance.md); encoded once
 * here, the length is the buffer's and the socket copies bytes. (Latin-1
 * with an ASCII check measured no faster, and is wrong for characters
 * beyond U+00FF.)
 */
export function textBody(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
