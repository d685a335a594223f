import { describe, expect, it } from 'vitest';
import { secureCookiesFor } from '../src/consent/consent.channel.ts';
import { localPath } from '../src/consent/customer-web.ts';
import { accessOutcome } from '../src/consent/pages/format.ts';

describe('customer pages: cookies and next steps', () => {
  it('marks cookies Secure over https and on loopback addresses only', () => {
    expect(secureCookiesFor('https://hub.example.org')).toBe(true);
    expect(secureCookiesFor('http://127.0.0.1:8080')).toBe(true);
    expect(secureCookiesFor('http://localhost:8080')).toBe(true);
    expect(secureCookiesFor('http://[::1]:8080')).toBe(true);
    expect(secureCookiesFor('http://192.168.1.20:8080')).toBe(false);
  });

  it('keeps a next step only when it stays on this site', () => {
    expect(localPath('/dataconnect/v1/oauth2/authorize?client_id=a&state=b')).toBe('/dataconnect/v1/oauth2/authorize?client_id=a&state=b');
    for (const next of ['//evil.example', '/.//evil.example', '/..//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', undefined, ['/a']]) {
      expect(localPath(next), String(next)).toBe('/account');
    }
  });

  it('tells the customer what came of each call of the access log', () => {
    expect(accessOutcome('ok')).toBe('Lu');
    expect(accessOutcome('no_data')).toBe('Lu, aucune donnée sur la période');
    expect(accessOutcome('no_consent')).toBe('Refusé : consentement révoqué ou expiré');
    expect(accessOutcome('curve_opposed')).toContain('opposé');
    expect(accessOutcome('technical')).toBe('Échec (technical)');
  });
});
