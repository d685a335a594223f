import type { FastifyInstance } from 'fastify';
import type { TimeZone } from '../platform/time/zone.ts';
import type { CustomerAccounts } from './customer-accounts.ts';
import type { CustomerSpace } from './customer-space.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import { localPath, type CustomerWeb } from './customer-web.ts';
import { accountPage } from './pages/account.page.ts';
import { problemPage } from './pages/problem.page.ts';
import { signInPage } from './pages/sign-in.page.ts';

type Form = Record<string, string | string[] | undefined>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The customer space: sign-in, sign-out, the overview page and the one-click revocation of a consent. */
export function accountRoutes(deps: { web: CustomerWeb; accounts: CustomerAccounts; throttle: SignInThrottle; space: CustomerSpace; zone: TimeZone }) {
  const { web } = deps;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/account/sign-in', async (request, reply) => {
      const next = localPath((request.query as Form).next);
      if (await web.signedIn(request)) return reply.redirect(next, 303);
      return web.sendPage(reply, 200, signInPage({ csrfToken: web.csrfToken(reply), next }));
    });

    app.post('/account/sign-in', { preHandler: app.csrfProtection }, async (request, reply) => {
      const form = request.body as Form;
      const email = text(form.email);
      const next = localPath(form.next);
      const wait = deps.throttle.waitFor(email);
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        return web.sendPage(reply, 429, signInPage({ csrfToken: web.csrfToken(reply), next, email, lockedMinutes: Math.ceil(wait / 60_000) }));
      }
      // Counted before the check, so that guesses sent in parallel are counted too; a success clears it.
      deps.throttle.failed(email);
      const customerId = await deps.accounts.checkPassword(email, text(form.password));
      if (!customerId) return web.sendPage(reply, 401, signInPage({ csrfToken: web.csrfToken(reply), next, email, failed: true }));
      deps.throttle.succeeded(email);
      await web.signIn(reply, customerId);
      return reply.redirect(next, 303);
    });

    app.post('/account/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
      await web.signOut(request, reply);
      return reply.redirect('/account/sign-in', 303);
    });

    app.get('/account', async (request, reply) => {
      const session = await web.signedIn(request);
      if (!session) return reply.redirect('/account/sign-in?next=%2Faccount', 303);
      const overview = await deps.space.overview(session.customerId);
      if (!overview) return web.sendPage(reply, 404, problemPage({ title: 'Compte introuvable', message: 'Ce compte n’est lié à aucun client.' }));
      const revoked = Number((request.query as Form).revoked);
      const ended = overview.consents.find((v) => v.consent.id === revoked && v.state === 'revoked');
      const notice = ended ? `Le consentement n° ${ended.consent.id} donné à ${ended.applicationName} est retiré : l’application ne peut plus lire vos données.` : undefined;
      return web.sendPage(reply, 200, accountPage({ overview, email: session.email, csrfToken: web.csrfToken(reply), zone: deps.zone, notice }));
    });

    app.post('/account/consents/:id/revoke', { preHandler: app.csrfProtection }, async (request, reply) => {
      const session = await web.signedIn(request);
      if (!session) return reply.redirect('/account/sign-in?next=%2Faccount', 303);
      const id = Number((request.params as { id: string }).id);
      if (!Number.isSafeInteger(id) || !(await deps.space.revoke(session.customerId, id))) {
        return web.sendPage(reply, 404, problemPage({ title: 'Consentement introuvable', message: 'Ce consentement n’existe pas, n’est pas le vôtre ou est déjà retiré.', signedIn: { email: session.email, csrfToken: web.csrfToken(reply) } }));
      }
      return reply.redirect(`/account?revoked=${id}`, 303);
    });
  };
}
