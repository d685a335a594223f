import type { FastifyInstance } from 'fastify';
import { isLive, type Consent, type Consents } from '../consent/consents.ts';
import { sandboxProfileOfAutorisationId } from '../consent/sandbox-consent.ts';
import type { Identity } from '../gateway/gateway.ts';
import type { GridStore } from '../grid/grid.store.ts';
import type { Database } from '../platform/db/database.ts';
import { dayFromParts, dayParts, type DayNumber } from '../platform/time/local-day.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { sandboxSubscribedServicesAnswer } from './customers/sandbox-fixtures.ts';
import { parseSubscribedServicesRequest, type SubscribedServicesQuery } from './customers/subscribed-services-request.ts';
import { answerFromServices, buildSubscribedServicesAnswer, servicesOfConsent, type ConsentForServices, type SubscribedServicesAnswer } from './customers/subscribed-services.ts';
import { sendAnswer, withTrailingSlash, type DataConnectRouteConfig } from './dataconnect.dialect.ts';

/**
 * `POST /subscribed_services/v1` (Services-souscrits.yaml, §11.1, decisions
 * 13, 21 and 22): the services that the calling application's own consents
 * give it. An `autorisationId` that is not one of its consents (another
 * application's, or none) selects nothing: the answer is the Swagger's
 * empty page, `{"nbTotalServices": 0, "serviceSouscrit": []}`, so that no
 * application learns which ids exist. A malformed body is a 400
 * `{"code", "message"}`. Sandbox applications also get the sandbox's
 * authorisations: 10 and 11 as recorded, 20+d for the first PRM of the
 * sandbox profile d.
 */

export interface SubscribedServicesDeps {
  database: Database;
  consents: Consents;
  grid: GridStore;
  zone: TimeZone;
  clock: Clock;
}

/** A consent as the services builder reads it, with what the audit log records of it. */
interface Candidate {
  consent: ConsentForServices;
  basis: string;
}

const CONSENT_YEARS = 3;

export function subscribedServicesRoutes(deps: SubscribedServicesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // The body is read as text and parsed by the request reader, so that any JSON problem is a 400 in the API's own words.
    app.removeAllContentTypeParsers();
    // A query is a few hundred bytes; 64 KiB leaves room for long pointId lists and no more.
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));

    const config: DataConnectRouteConfig = { operation: 'subscribed_services', flavour: 'v2' };
    for (const path of withTrailingSlash('/subscribed_services/v1')) {
      app.post(path, { config }, async (request, reply) => {
        const call = request.call!;
        const identity = call.identity!;
        const query = parseSubscribedServicesRequest(request.body);
        const recorded = identity.stage === 'sandbox' ? sandboxSubscribedServicesAnswer(query) : undefined;
        if (recorded) {
          call.basis = 'sandbox';
          call.usagePoints = listedPoints(JSON.parse(recorded.bytes.toString('utf8')) as SubscribedServicesAnswer);
          return sendAnswer(reply, recorded.bytes);
        }
        // Only the consents with at least one service that the query selects.
        const candidates = (await candidatesFor(deps, identity, query)).filter((c) => answerFromServices({ ...query, comptage: true }, servicesOfConsent(c.consent)).nbTotalServices > 0);
        call.usagePoints = [...new Set(candidates.map((c) => c.consent.usagePointId))];
        call.basis = candidates.length ? [...new Set(candidates.map((c) => c.basis))].join(',') : null;
        return sendAnswer(reply, buildSubscribedServicesAnswer(query, candidates.map((c) => c.consent)));
      });
    }
  };
}

function listedPoints(answer: SubscribedServicesAnswer): string[] {
  return [...new Set((answer.serviceSouscrit ?? []).map((s) => s.pointId))];
}

async function candidatesFor(deps: SubscribedServicesDeps, identity: Identity, query: SubscribedServicesQuery): Promise<Candidate[]> {
  // For a sandbox application, the sandbox's authorisation ids mean the sandbox's consents.
  if (identity.stage === 'sandbox' && query.autorisationId !== undefined) {
    const sandbox = await sandboxConsent(deps, query.autorisationId);
    if (sandbox) return [{ consent: sandbox, basis: 'sandbox' }];
  }
  const candidates: Candidate[] = [];
  let own: Consent[];
  if (query.autorisationId !== undefined) {
    const consent = await deps.consents.byId(query.autorisationId);
    own = consent && consent.applicationId === identity.applicationId ? [consent] : [];
  } else {
    own = await deps.consents.ofApplication(identity.applicationId);
  }
  if (query.pointIds) own = own.filter((c) => query.pointIds!.includes(c.usagePointId));
  if (own.length === 0) return candidates;
  const partnerSiren = await partnerSirenOf(deps.database, identity.partnerId);
  const now = deps.clock.now();
  for (const consent of own) {
    const point = await deps.grid.usagePoint(consent.usagePointId);
    if (!point) continue;
    const customer = await deps.grid.customer(consent.customerId);
    candidates.push({
      basis: `consent:${consent.id}`,
      consent: {
        autorisationId: consent.id,
        usagePointId: consent.usagePointId,
        startDay: deps.zone.dayOf(Number(consent.grantedAt)),
        endDay: deps.zone.dayOf(Number(consent.revokedAt ?? consent.expiresAt)),
        state: isLive(consent, now) ? 'ACTIF' : 'TERMINE',
        point,
        holderSiren: customer?.kind === 'company' ? sirenOf(customer.siret) : null,
        partnerSiren,
      },
    });
  }
  return candidates;
}

/**
 * Sandbox authorisation 20+d: the standing consent of the sandbox profile d
 * (decision 21) on its first PRM, from 1 January of the current year for the
 * longest duration, three years; profile 8 revoked it at once, so its
 * services are `TERMINE` and end the day they start.
 */
async function sandboxConsent(deps: SubscribedServicesDeps, autorisationId: number): Promise<ConsentForServices | undefined> {
  const profile = sandboxProfileOfAutorisationId(autorisationId);
  const usagePointId = profile?.usagePointIds[0];
  const point = usagePointId === undefined ? undefined : await deps.grid.usagePoint(usagePointId);
  if (!profile || !point) return undefined;
  const year = dayParts(deps.zone.dayOf(deps.clock.now())).year;
  const startDay: DayNumber = dayFromParts(year, 1, 1);
  const revoked = profile.stateDigit === 8;
  return {
    autorisationId, usagePointId: point.id, point, startDay,
    endDay: revoked ? startDay : dayFromParts(year + CONSENT_YEARS, 1, 1),
    state: revoked ? 'TERMINE' : 'ACTIF',
  };
}

async function partnerSirenOf(database: Database, partnerId: string): Promise<string | null> {
  const partner = await database.db.selectFrom('partners').select('legalId').where('id', '=', partnerId).executeTakeFirst();
  return sirenOf(partner?.legalId ?? null);
}

/** A SIREN is 9 digits, the first 9 of a SIRET. */
function sirenOf(legalId: string | null): string | null {
  return legalId != null && /^\d{9}(?:\d{5})?$/.test(legalId) ? legalId.slice(0, 9) : null;
}
