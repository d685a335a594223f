import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../gateway/gateway.ts';
import type { Database } from '../platform/db/database.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { accountRoutes } from './account.routes.ts';
import { authorizeRoutes } from './authorize.routes.ts';
import { ConsentJourney } from './consent-journey.ts';
import type { Consents } from './consents.ts';
import { CustomerAccounts } from './customer-accounts.ts';
import { CustomerSpace } from './customer-space.ts';
import { customerWebScope } from './customer-web.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

/** The customer-facing pages: the consent journey of every generation and the customer space, in one scope with cookies and CSRF. */
export function consentChannel(deps: { database: Database; gateway: Gateway; consents: Consents; zone: TimeZone; clock: Clock; publicUrl: string }) {
  return async (app: FastifyInstance): Promise<void> => {
    const accounts = new CustomerAccounts(deps.database, deps.clock);
    const web = await customerWebScope(app, { accounts, secureCookies: secureCookiesFor(deps.publicUrl) });
    const journey = new ConsentJourney(deps);
    const space = new CustomerSpace(deps);
    await app.register(accountRoutes({ web, accounts, throttle: new SignInThrottle(deps.clock), space, zone: deps.zone }));
    await app.register(authorizeRoutes({ web, journey, zone: deps.zone }));
  };
}

/**
 * Cookies are `Secure` wherever a browser keeps them: over https, and on
 * the loopback addresses browsers treat as secure even over http (the demo).
 * A plain-http deployment on another address gets cookies without the flag.
 */
export function secureCookiesFor(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
