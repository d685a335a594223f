import type { Gateway } from '../gateway/gateway.ts';
import { GridStore } from '../grid/grid.store.ts';
import type { UsagePointRow } from '../grid/grid.tables.ts';
import type { Database } from '../platform/db/database.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { AuthorizationCodes } from './authorization-codes.ts';
import { parseAuthorizeQuery, type AuthorizeParams, type AuthorizeProblem, type Generation } from './authorize-request.ts';
import { AlreadySharedError, type Consents } from './consents.ts';
import { sandboxAutorisationIdFor, sandboxProfileFor } from './sandbox-consent.ts';

/** The application asking for consent, as the page shows it. */
export interface Requester {
  applicationId: string;
  applicationName: string;
  partnerName: string;
  stage: 'sandbox' | 'homologation' | 'production';
  redirectUri: string;
}

export interface JourneyRequest {
  generation: Generation;
  params: AuthorizeParams;
  requester: Requester;
}

export type Begun = { ok: true; request: JourneyRequest } | { ok: false; problem: AuthorizeProblem };

/** What the customer's answer leads to: a redirect to the application, or the page again with a problem. */
export type Decided = { kind: 'redirect'; location: string } | { kind: 'problem'; problem: 'none_chosen' | 'one_only' | 'not_held' | 'already_shared' };

/**
 * The consent journey of every generation: the request checked before the
 * customer is involved (decision 7), the sandbox's instant answers
 * (decisions 14 and 21), and the customer's accept or refuse turned into
 * the consent record and the redirect each generation carries (§3, §11.1,
 * decisions 5, 22, 25, 26).
 */
export class ConsentJourney {
  private readonly gateway: Gateway;
  private readonly consents: Consents;
  private readonly codes: AuthorizationCodes;
  private readonly grid: GridStore;
  private readonly zone: TimeZone;
  private readonly clock: Clock;

  constructor(deps: { database: Database; gateway: Gateway; consents: Consents; zone: TimeZone; clock: Clock }) {
    this.gateway = deps.gateway;
    this.consents = deps.consents;
    this.codes = new AuthorizationCodes(deps.database, deps.clock);
    this.grid = new GridStore(deps.database.db);
    this.zone = deps.zone;
    this.clock = deps.clock;
  }

  async begin(generation: Generation, query: Record<string, unknown>): Promise<Begun> {
    const parsed = parseAuthorizeQuery(query, this.clock.now(), this.zone);
    if (!parsed.ok) return parsed;
    const { params } = parsed;
    const identified = await this.gateway.identify({ kind: 'client_id', clientId: params.clientId });
    const client = identified.ok ? identified.identity : undefined;
    if (!client?.redirectUri) return { ok: false, problem: { error: 'invalid_request', description: 'unknown_client_id', parameter: 'client_id' } };
    if (params.redirectUri !== undefined && params.redirectUri !== client.redirectUri) return { ok: false, problem: { error: 'invalid_request', description: 'redirect_uri_mismatch', parameter: 'redirect_uri' } };
    const requester: Requester = { applicationId: client.applicationId, applicationName: client.applicationName, partnerName: client.partnerName, stage: client.stage, redirectUri: client.redirectUri };
    return { ok: true, request: { generation, params, requester } };
  }

  /** The sandbox answers at once, without a customer: the fake customer of the state's last digit has consented (§10). */
  async sandboxRedirect(request: JourneyRequest): Promise<string> {
    if (request.generation === 'v2') return redirectTo(request, { autorisation_id: String(sandboxAutorisationIdFor(request.params.state)) });
    const profile = sandboxProfileFor(request.params.state);
    const code = await this.codes.issue({ applicationId: request.requester.applicationId, customerId: profile.customerId, usagePoints: profile.usagePointIds });
    return redirectTo(request, { code, usage_point_id: profile.usagePointIds.join(';') });
  }

  /** The electricity points the customer may share today. */
  async shareablePoints(customerId: string): Promise<UsagePointRow[]> {
    return (await this.grid.pointsHeldBy(customerId, this.zone.dayOf(this.clock.now()))).filter((p) => p.energy === 'electricity');
  }

  async accept(request: JourneyRequest, customerId: string, chosen: string[]): Promise<Decided> {
    const unique = [...new Set(chosen)];
    if (unique.length === 0) return { kind: 'problem', problem: 'none_chosen' };
    if (request.generation === 'v2' && unique.length !== 1) return { kind: 'problem', problem: 'one_only' };
    const held = new Set((await this.shareablePoints(customerId)).map((p) => p.id));
    if (!unique.every((id) => held.has(id))) return { kind: 'problem', problem: 'not_held' };
    const { requester, params } = request;
    const grant = { applicationId: requester.applicationId, customerId, usagePointIds: unique, expiresAt: params.expiresAt };
    if (request.generation === 'v2') {
      try {
        const [consent] = await this.consents.grant({ ...grant, origin: 'v2', refuseActive: true });
        return { kind: 'redirect', location: redirectTo(request, { autorisation_id: String(consent!.id) }) };
      } catch (error) {
        if (error instanceof AlreadySharedError) return { kind: 'problem', problem: 'already_shared' };
        throw error;
      }
    }
    await this.consents.grant({ ...grant, origin: 'v1' });
    const code = await this.codes.issue({ applicationId: requester.applicationId, customerId, usagePoints: unique });
    return { kind: 'redirect', location: redirectTo(request, { code, usage_point_id: unique.join(';') }) };
  }

  /** The customer said no: decision 25 (v1) and 22 (v2). */
  refusedRedirect(request: JourneyRequest): string {
    const error = { error: 'access_denied', error_description: 'authorization_request_refused' };
    return redirectTo(request, request.generation === 'v2' ? error : { code: '403', ...error });
  }

  /** Something broke on our side after the customer was involved (decision 25). */
  failedRedirect(request: JourneyRequest): string {
    const error = { error: 'server_error', error_description: 'lincs-internal-server-error' };
    return redirectTo(request, request.generation === 'v2' ? error : { code: '500', ...error });
  }
}

/** The registered URI with the generation's parameters, then `state` when the application sent one. */
function redirectTo(request: JourneyRequest, parameters: Record<string, string>): string {
  const url = new URL(request.requester.redirectUri);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.append(name, value);
  if (request.params.state !== undefined) url.searchParams.append('state', request.params.state);
  return url.toString();
}
