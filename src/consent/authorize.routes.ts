import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TimeZone } from '../platform/time/zone.ts';
import { AUTHORIZE_PATHS, type AuthorizeProblem, type Generation } from './authorize-request.ts';
import type { ConsentJourney, JourneyRequest } from './consent-journey.ts';
import type { CustomerSession } from './customer-accounts.ts';
import type { CustomerWeb } from './customer-web.ts';
import { consentPage } from './pages/consent.page.ts';
import { legacySandboxPage } from './pages/legacy-sandbox.page.ts';
import { problemPage } from './pages/problem.page.ts';
import { signInPage } from './pages/sign-in.page.ts';

type Form = Record<string, string | string[] | undefined>;

const PROBLEM_TEXT: Record<AuthorizeProblem['description'], string> = {
  missing_parameter: 'Il manque un paramètre obligatoire à la demande de l’application',
  invalid_response_type: 'Le paramètre response_type doit valoir "code"',
  invalid_state: 'Le paramètre state dépasse 100 caractères',
  invalid_duration_format: 'La durée demandée n’est pas une durée ISO 8601 valable (par exemple P1Y ou P6M)',
  maximum_duration_exceeded: 'La durée demandée dépasse trois ans',
  unknown_client_id: 'L’application (client_id) est inconnue ou suspendue',
  redirect_uri_mismatch: 'L’adresse de retour ne correspond pas à celle enregistrée pour l’application',
};

/**
 * The consent pages of every generation (§3, §11.1), the same steps:
 * check the request (refused before anyone is involved: 400, decision 7),
 * the sandbox answers at once (decisions 14, 21), otherwise the customer
 * signs in, sees the request and accepts or refuses (POST to the same URL,
 * CSRF-checked); the answer goes back to the registered redirect URI.
 */
export function authorizeRoutes(deps: { web: CustomerWeb; journey: ConsentJourney; zone: TimeZone }) {
  const { web, journey } = deps;

  const refuseRequest = (request: FastifyRequest, reply: FastifyReply, problem: AuthorizeProblem) => {
    if ((request.headers.accept ?? '').includes('text/html')) {
      return web.sendPage(reply, 400, problemPage({ title: 'Demande d’accès invalide', message: `${PROBLEM_TEXT[problem.description]} (${problem.parameter}).`, hint: 'Signalez-le à l’application qui vous a envoyé ici.' }));
    }
    return reply.code(400).type('application/json;charset=UTF-8').send({ error: problem.error, error_description: problem.description });
  };

  const showSignIn = (request: FastifyRequest, reply: FastifyReply, journeyRequest: JourneyRequest) =>
    web.sendPage(reply, 200, signInPage({ csrfToken: web.csrfToken(reply), next: request.url, requester: journeyRequest.requester.applicationName }));

  const showConsent = async (request: FastifyRequest, reply: FastifyReply, journeyRequest: JourneyRequest, session: CustomerSession, status = 200, problem?: Parameters<typeof consentPage>[0]['problem']) =>
    web.sendPage(
      reply,
      status,
      consentPage({ request: journeyRequest, points: await journey.shareablePoints(session.customerId), action: request.url, csrfToken: web.csrfToken(reply), email: session.email, zone: deps.zone, problem }),
    );

  const sandboxAnswer = async (reply: FastifyReply, journeyRequest: JourneyRequest) => {
    const location = await journey.sandboxRedirect(journeyRequest);
    if (journeyRequest.generation !== 'legacy') return reply.redirect(location, 302);
    const nonce = randomBytes(16).toString('base64');
    return web.sendPage(reply, 200, legacySandboxPage(location, nonce), { 'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'` });
  };

  return async (app: FastifyInstance): Promise<void> => {
    for (const [generation, path] of Object.entries(AUTHORIZE_PATHS) as [Generation, string][]) {
      app.get(path, async (request, reply) => {
        const begun = await journey.begin(generation, request.query as Form);
        if (!begun.ok) return refuseRequest(request, reply, begun.problem);
        if (begun.request.requester.stage === 'sandbox') return sandboxAnswer(reply, begun.request);
        const session = await web.signedIn(request);
        if (!session) return showSignIn(request, reply, begun.request);
        return showConsent(request, reply, begun.request, session);
      });

      app.post(path, { preHandler: app.csrfProtection }, async (request, reply) => {
        const begun = await journey.begin(generation, request.query as Form);
        if (!begun.ok) return refuseRequest(request, reply, begun.problem);
        const journeyRequest = begun.request;
        // A sandbox application never gets a real customer's consent.
        if (journeyRequest.requester.stage === 'sandbox') return sandboxAnswer(reply, journeyRequest);
        const session = await web.signedIn(request);
        if (!session) return showSignIn(request, reply, journeyRequest);
        const form = request.body as Form;
        if (form.decision !== 'accept') return reply.redirect(journey.refusedRedirect(journeyRequest), 303);
        const chosen = form.usage_point_id === undefined ? [] : ([] as string[]).concat(form.usage_point_id);
        try {
          const decided = await journey.accept(journeyRequest, session.customerId, chosen);
          if (decided.kind === 'redirect') return reply.redirect(decided.location, 303);
          return showConsent(request, reply, journeyRequest, session, decided.problem === 'already_shared' ? 409 : 400, decided.problem);
        } catch (error) {
          request.log.error({ err: error }, 'consent could not be recorded');
          return reply.redirect(journey.failedRedirect(journeyRequest), 303);
        }
      });
    }
  };
}
