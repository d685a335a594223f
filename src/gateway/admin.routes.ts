import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { CREDENTIAL_KINDS, GatewayAdmin, PARTNER_ROLES, STAGES } from './admin.service.ts';
import { verifyAudit } from './audit.verify.ts';
import type { CalendarDefinition } from './calendar.ts';
import type { Gateway } from './gateway.ts';
import { changeOperatorPassword, closeOperatorSession, openOperatorSession, operatorSession, type OperatorSession } from './operator-accounts.ts';
import { UsageService } from './usage.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    operator: OperatorSession | undefined;
  }
}

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,62}$' });
const tags = ['admin'];

/**
 * The admin API, for operator accounts only: sign in for a bearer session
 * (the one-time password must be changed first), then administer partners,
 * applications, credentials, plans, subscriptions, the catalog, calendars,
 * and read usage, statements and the audit check.
 */
export function adminRoutes(deps: { db: Kysely<Schema>; clock: Clock; zone: TimeZone; gateway: Gateway }): FastifyPluginAsyncTypebox {
  const admin = new GatewayAdmin(deps.db, () => deps.clock.now());
  const usage = new UsageService(deps.db, deps.zone);
  const failures = new Map<string, { count: number; since: number }>();

  const bearer = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  };

  return async (app) => {
    app.decorateRequest('operator', undefined);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.url === '/admin/v1/sessions' && request.method === 'POST') return;
      const token = bearer(request);
      const session = token ? await operatorSession(deps.db, token, deps.clock.now()) : undefined;
      if (!session) throw new AppError(401, 'unauthenticated', 'Sign in first: POST /admin/v1/sessions with your operator user name and password, then send "Authorization: Bearer <token>"');
      const changingPassword = request.routeOptions.url === '/admin/v1/password' || (request.routeOptions.url === '/admin/v1/sessions' && request.method === 'DELETE');
      if (session.mustChangePassword && !changingPassword) throw new AppError(403, 'password_change_required', 'Change your one-time password first: POST /admin/v1/password');
      request.operator = session;
    });

    app.post(
      '/sessions',
      { schema: { tags, summary: 'Sign in with an operator account', security: [], body: Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 256 }) }) } },
      async (request, reply) => {
        const now = deps.clock.now();
        const record = failures.get(request.body.username);
        if (record && record.count >= 5 && now - record.since < 15 * 60_000) {
          throw new AppError(429, 'too_many_attempts', 'Too many failed sign-ins for this account: wait 15 minutes');
        }
        const session = await openOperatorSession(deps.db, request.body.username, request.body.password, now);
        if (!session) {
          failures.set(request.body.username, record && now - record.since < 15 * 60_000 ? { count: record.count + 1, since: record.since } : { count: 1, since: now });
          throw new AppError(401, 'invalid_credentials', 'Wrong user name or password');
        }
        failures.delete(request.body.username);
        return reply.code(201).send({ token: session.token, expires_at: new Date(session.expiresAt).toISOString(), must_change_password: session.mustChangePassword });
      },
    );
    app.delete('/sessions', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
      await closeOperatorSession(deps.db, bearer(request)!);
      return reply.code(204).send();
    });
    app.post(
      '/password',
      { schema: { tags, summary: 'Change your password', body: Type.Object({ current: Type.String({ maxLength: 256 }), new: Type.String({ maxLength: 256 }) }) } },
      async (request, reply) => {
        await changeOperatorPassword(deps.db, request.operator!.username, request.body.current, request.body.new);
        return reply.code(204).send();
      },
    );

    app.get('/partners', { schema: { tags, summary: 'List partners' } }, async () => admin.listPartners());
    app.post(
      '/partners',
      {
        schema: {
          tags, summary: 'Register a partner',
          body: Type.Object({
            id: Type.Optional(Id), role: Type.Union(PARTNER_ROLES.map((r) => Type.Literal(r))), name: Type.String({ minLength: 1, maxLength: 200 }), legal_id: Type.String({ maxLength: 14 }),
            contacts: Type.Optional(Type.Array(Type.Object({ email: Type.String({ maxLength: 200 }), name: Type.String({ maxLength: 200 }), phone: Type.Optional(Type.String({ maxLength: 30 })), purpose: Type.String({ maxLength: 50 }) }), { maxItems: 20 })),
          }),
        },
      },
      async (request, reply) => reply.code(201).send(await admin.createPartner({ ...request.body, legalId: request.body.legal_id })),
    );
    app.get('/partners/:id', { schema: { tags, params: Type.Object({ id: Type.String() }) } }, async (request) => admin.partner(request.params.id));
    for (const [action, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
      app.post(`/partners/:id/${action}`, { schema: { tags, summary: `${action} a partner (and all its applications)`, params: Type.Object({ id: Type.String() }) } }, async (request, reply) => {
        await admin.setPartnerStatus(request.params.id, status);
        return reply.code(204).send();
      });
    }

    app.get('/applications', { schema: { tags, querystring: Type.Object({ partner: Type.Optional(Type.String()) }) } }, async (request) => admin.listApplications(request.query.partner));
    app.post(
      '/applications',
      { schema: { tags, summary: 'Create an application', body: Type.Object({ id: Type.Optional(Id), partner_id: Type.String(), name: Type.String({ minLength: 1, maxLength: 200 }), stage: Type.Union(STAGES.map((s) => Type.Literal(s))) }) } },
      async (request, reply) => reply.code(201).send(await admin.createApplication({ ...request.body, partnerId: request.body.partner_id })),
    );
    app.patch(
      '/applications/:id',
      { schema: { tags, summary: 'Change the stage or status of an application', params: Type.Object({ id: Type.String() }), body: Type.Object({ stage: Type.Optional(Type.Union(STAGES.map((s) => Type.Literal(s)))), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])) }) } },
      async (request, reply) => {
        await admin.updateApplication(request.params.id, request.body);
        return reply.code(204).send();
      },
    );
    app.get('/applications/:id/credentials', { schema: { tags, params: Type.Object({ id: Type.String() }) } }, async (request) => admin.listCredentials(request.params.id));
    app.post(
      '/applications/:id/credentials',
      {
        schema: {
          tags, summary: 'Issue a credential; its secret is in this answer only',
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({
            kind: Type.Union(CREDENTIAL_KINDS.map((k) => Type.Literal(k))), redirect_uri: Type.Optional(Type.String({ maxLength: 2000 })), subject_dn: Type.Optional(Type.String({ maxLength: 1000 })),
            issuer_dn: Type.Optional(Type.String({ maxLength: 1000 })), fingerprint: Type.Optional(Type.String({ maxLength: 100 })), public_key: Type.Optional(Type.String({ maxLength: 10_000 })), expires_at: Type.Optional(Type.String({ format: 'date-time' })),
          }),
        },
      },
      async (request, reply) => {
        const b = request.body;
        const issued = await admin.createCredential({
          applicationId: request.params.id, kind: b.kind, redirectUri: b.redirect_uri, subjectDn: b.subject_dn, issuerDn: b.issuer_dn, fingerprint: b.fingerprint, publicKey: b.public_key,
          expiresAt: b.expires_at ? Date.parse(b.expires_at) : undefined,
        });
        return reply.code(201).send({ ...issued.credential, secret: issued.secret });
      },
    );
    app.post('/credentials/:id/revoke', { schema: { tags, summary: 'Revoke a credential (refused from the next call)', params: Type.Object({ id: Type.String() }) } }, async (request, reply) => {
      await admin.revokeCredential(request.params.id);
      return reply.code(204).send();
    });

    app.get('/plans', { schema: { tags } }, async () => admin.listPlans());
    app.post(
      '/plans',
      {
        schema: {
          tags, summary: 'Create a plan',
          body: Type.Object({
            id: Id, name: Type.String({ maxLength: 200 }), monthly_fee_cents: Type.Integer({ minimum: 0 }), price_per_thousand_calls_cents: Type.Integer({ minimum: 0 }), included_calls: Type.Integer({ minimum: 0 }),
            limits: Type.Array(Type.Object({ name: Type.String(), window: Type.Union([Type.Literal('second'), Type.Literal('hour'), Type.Literal('day')]), scope: Type.Union([Type.Literal('application'), Type.Literal('application_api'), Type.Literal('partner')]), limit: Type.Integer({ minimum: 1 }) }), { maxItems: 20 }),
          }),
        },
      },
      async (request, reply) => {
        const b = request.body;
        return reply.code(201).send(await admin.createPlan({ id: b.id, name: b.name, monthlyFeeCents: b.monthly_fee_cents, pricePerThousandCallsCents: b.price_per_thousand_calls_cents, includedCalls: b.included_calls, limits: b.limits }));
      },
    );

    app.get('/subscriptions', { schema: { tags, querystring: Type.Object({ application: Type.Optional(Type.String()) }) } }, async (request) => admin.listSubscriptions(request.query.application));
    app.put(
      '/subscriptions/:application/:api',
      { schema: { tags, summary: 'Subscribe an application to an API under a plan', params: Type.Object({ application: Type.String(), api: Type.String() }), body: Type.Object({ plan: Type.String() }) } },
      async (request, reply) => {
        await admin.subscribe(request.params.application, request.params.api, request.body.plan);
        return reply.code(204).send();
      },
    );
    app.delete('/subscriptions/:application/:api', { schema: { tags, params: Type.Object({ application: Type.String(), api: Type.String() }) } }, async (request, reply) => {
      await admin.unsubscribe(request.params.application, request.params.api);
      return reply.code(204).send();
    });

    app.get('/apis', { schema: { tags, summary: 'The API catalog' } }, async () => admin.listApis());
    app.post(
      '/apis/:id/state',
      { schema: { tags, summary: 'Publish, deprecate (with a sunset date) or retire an API', params: Type.Object({ id: Type.String() }), body: Type.Object({ state: Type.Union([Type.Literal('published'), Type.Literal('deprecated'), Type.Literal('retired')]), sunset: Type.Optional(Type.String()) }) } },
      async (request, reply) => {
        await admin.setApiState(request.params.id, request.body.state, request.body.sunset);
        return reply.code(204).send();
      },
    );

    app.put('/calendars/:channel', { schema: { tags, summary: 'Set the opening calendar of a channel or API', params: Type.Object({ channel: Type.String({ maxLength: 64 }) }), body: Type.Object({}, { additionalProperties: true }) } }, async (request, reply) => {
      const definition = request.body as CalendarDefinition;
      await admin.setCalendar(request.params.channel, definition);
      return reply.code(204).send();
    });

    app.get(
      '/usage',
      { schema: { tags, summary: 'Calls, refusals, errors and latency per application, API and day', querystring: Type.Object({ from: Type.String(), to: Type.String(), application: Type.Optional(Type.String()), api: Type.Optional(Type.String()), partner: Type.Optional(Type.String()) }) } },
      async (request) => usage.daily({ from: request.query.from, to: request.query.to, applicationId: request.query.application, apiId: request.query.api, partnerId: request.query.partner }),
    );
    app.get('/statements/:partner/:month', { schema: { tags, summary: "A partner's monthly statement", params: Type.Object({ partner: Type.String(), month: Type.String() }) } }, async (request) =>
      usage.statement(request.params.partner, request.params.month),
    );
    app.get('/audit/verify', { schema: { tags, summary: 'Check every hash chain of the audit log' } }, async () => {
      const segments = await verifyAudit(deps.db);
      return { intact: segments.every((s) => !s.broken), segments };
    });
  };
}
