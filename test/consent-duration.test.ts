import { describe, expect, it } from 'vitest';
import { consentExpiry } from '../src/consent/consent-duration.ts';
import { html, SafeHtml } from '../src/platform/http/html.ts';
import { PARIS, timeZone } from '../src/platform/time/zone.ts';

const zone = timeZone(PARIS);
const at = (iso: string) => Date.parse(iso);

describe('consent durations (ISO 8601, at most three years, on the local calendar)', () => {
  it('counts years and months on the calendar, keeping the wall-clock time across DST changes', () => {
    // Asked in winter time, ends in summer time at the same wall-clock hour.
    expect(consentExpiry('P4M', at('2026-01-15T10:00:00+01:00'), zone)).toEqual({ ok: true, text: 'P4M', expiresAt: at('2026-05-15T10:00:00+02:00') });
    expect(consentExpiry('P1Y', at('2028-02-29T09:30:00+01:00'), zone)).toMatchObject({ expiresAt: at('2029-02-28T09:30:00+01:00') });
    expect(consentExpiry('PT12H', at('2026-10-24T18:00:00+02:00'), zone)).toMatchObject({ expiresAt: at('2026-10-25T05:00:00+01:00') });
  });

  it('accepts up to three years in any spelling clients use, and refuses more, negative, zero or malformed', () => {
    const now = at('2026-11-24T10:00:00+01:00');
    for (const ok of ['P3Y', 'P36M', 'P1095D', 'P2Y12M', 'P1Y4M', 'P6M', 'P1W']) expect(consentExpiry(ok, now, zone).ok, ok).toBe(true);
    for (const [text, error] of [
      ['P3Y1D', 'maximum_duration_exceeded'], ['P1097D', 'maximum_duration_exceeded'], ['P37M', 'maximum_duration_exceeded'], ['-P1M', 'maximum_duration_exceeded'],
      ['P0D', 'invalid_duration_format'], ['P', 'invalid_duration_format'], ['3Y', 'invalid_duration_format'], ['P1.5Y', 'invalid_duration_format'], ['', 'invalid_duration_format'],
    ] as const) {
      expect(consentExpiry(text, now, zone), text).toEqual({ ok: false, error });
    }
  });
});

describe('the html template tag', () => {
  it('escapes every interpolated value except SafeHtml, and renders arrays and empty values', () => {
    const name = '<script>alert("x")</script> & co';
    const out = html`<p title="${name}">${name}</p>${[html`<b>${'a<b'}</b>`, 'c>d']}${undefined}${false}${null}${0}`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.text).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p><b>a&lt;b</b>c&gt;d0');
  });
});
