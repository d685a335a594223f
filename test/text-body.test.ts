import { describe, expect, it } from 'vitest';
import { textBody } from '../src/platform/http/text-body.ts';

describe('textBody: a concatenated answer as the bytes to send', () => {
  it('gives the UTF-8 bytes of ASCII text built piece by piece', () => {
    let text = '{"items":[';
    for (let i = 0; i < 500; i++) text += `${i ? ',' : ''}{"value":"${i}","date":"2026-11-17 00:30:00"}`;
    text += ']}';
    const body = textBody(text);
    expect(body.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(JSON.parse(body.toString('utf8')).items).toHaveLength(500);
  });

  it('encodes accented letters, other scripts and emoji as UTF-8, not Latin-1', () => {
    // Łukasz and 中 have a low byte below 0x80: a Latin-1 shortcut would send A and - instead.
    for (const text of ['{"name":"Hélène Lefèvre"}', '{"city":"Saint-Étienne","note":"ÿ"}', '{"x":"電力"}', '{"x":"⚡ 🔌"}', '{"name":"Łukasz"}', '{"x":"中"}']) {
      const body = textBody(text);
      expect(body.equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(body.toString('utf8')).toBe(text);
    }
  });

  it('keeps the empty text empty', () => {
    expect(textBody('').length).toBe(0);
  });
});
