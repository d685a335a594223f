import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CustomerAccounts, CustomerSession } from './customer-accounts.ts';
import { SESSION_LIFETIME_MS } from './customer-accounts.ts';
import { problemPage } from './pages/problem.page.ts';
import { STYLESHEET, STYLESHEET_PATH } from './pages/layout.ts';

export const SESSION_COOKIE = 'gridgate_customer';

/** The pages' security headers: nothing framed, cached, sniffed or leaked in a Referer. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export interface CustomerWeb {
  /** The signed-in customer, if the session cookie names a live session. */
  signedIn(request: FastifyRequest): Promise<CustomerSession | undefined>;
  signIn(reply: FastifyReply, customerId: string): Promise<void>;
  signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** A token for the forms of the page being answered. */
  csrfToken(reply: FastifyReply): string;
  /** Sends a page with the security headers (some of which a page may tighten). */
  sendPage(reply: FastifyReply, status: number, body: string, headers?: Record<string, string>): FastifyReply;
}

/**
 * What every customer-facing page shares, inside one Fastify scope: form
 * bodies, cookies (HttpOnly, SameSite=Lax, Secure when served over HTTPS),
 * CSRF tokens on every form (a secret in a cookie, a token in the form:
 * @fastify/csrf-protection), the security headers and the stylesheet.
 */
export async function customerWebScope(app: FastifyInstance, deps: { accounts: CustomerAccounts; secureCookies: boolean }): Promise<CustomerWeb> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(cookie);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieKey: 'gridgate_csrf', cookieOpts: cookieOptions });

  const web: CustomerWeb = {
    signedIn: (request) => deps.accounts.session(request.cookies[SESSION_COOKIE]),
    signIn: async (reply, customerId) => {
      const token = await deps.accounts.openSession(customerId);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_LIFETIME_MS / 1000 });
    },
    signOut: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deps.accounts.closeSession(token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    csrfToken: (reply) => reply.generateCsrf(),
    sendPage: (reply, status, body, headers) => reply.code(status).headers({ ...PAGE_HEADERS, ...headers }).type('text/html; charset=utf-8').send(body),
  };

  app.get(STYLESHEET_PATH, (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return web.sendPage(reply, 403, problemPage({ title: 'Formulaire expiré', message: 'Ce formulaire n’est plus valable ou ne vient pas de ce site.', hint: 'Revenez à la page précédente, rechargez-la, puis recommencez.' }));
    }
    if (error.statusCode && error.statusCode < 500) {
      return web.sendPage(reply, error.statusCode, problemPage({ title: 'Requête refusée', message: 'La requête envoyée n’a pas pu être lue.', hint: 'Revenez à la page précédente et recommencez.' }));
    }
    request.log.error({ err: error }, 'unhandled error on a customer page');
    return web.sendPage(reply, 500, problemPage({ title: 'Erreur technique', message: 'Une erreur est survenue de notre côté. Rien n’a été partagé.', hint: 'Réessayez dans quelques instants.' }));
  });
  return web;
}

/** A `next` parameter kept only if it is a path of this site (no open redirect). */
export function localPath(next: unknown, fallback = '/account'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  const url = new URL(next, 'http://gridgate.invalid');
  const path = `${url.pathname}${url.search}`;
  // `/.//host` normalises to `//host`, which a browser reads as another site.
  return url.origin === 'http://gridgate.invalid' && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}
