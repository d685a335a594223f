import { ChangeCounters } from '../platform/db/change-counters.ts';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Database } from '../platform/db/database.ts';
import { secretMatches, sha256 } from '../platform/secrets.ts';
import type { Clock } from '../platform/time/clock.ts';
import { formatIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { AuditEntry } from './audit.ts';
import type { AuditWriter } from './audit.writer.ts';
import { ALWAYS_OPEN, OpeningCalendar, type CalendarDefinition } from './calendar.ts';
import { MemoryCounterStore } from './counters.memory.ts';
import { GatewayStore, type CredentialIdentity } from './gateway.store.ts';
import type { Stage } from './gateway.tables.ts';
import { normalizeDn } from './admin.service.ts';
import { consumeLimits, type CounterStore, type LimitDecision } from './limits.ts';
import { secondsUntil, type Refusal } from './refusal.ts';

/**
 * API management as three plain functions that every channel calls in the
 * same order: identify (who), admit (may this call run now), record (audit
 * and usage). Results are typed; a refusal is a value each dialect renders.
 */
export interface Identity {
  partnerId: string;
  partnerName: string;
  partnerRole: string;
  applicationId: string;
  applicationName: string;
  stage: Stage;
  credentialId: string;
  /** The OAuth client's registered redirect URI, for the consent pages. */
  redirectUri: string | null;
  /** A legacy per-customer token: the customer and the usage points of their consent. */
  grant?: { customerId: string; usagePoints: string[] };
}

/** Checks an OAuth access token (the authorization server lives in consent/). */
export interface TokenVerifier {
  verify(token: string): Promise<
    | { ok: true; credentialId: string; customerId: string | null; usagePoints: string[] | null }
    | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  >;
}

export type Presented =
  | { kind: 'none' }
  | { kind: 'api_key'; key: string }
  | { kind: 'client_secret'; clientId: string; secret: string }
  | { kind: 'client_id'; clientId: string }
  | { kind: 'access_token'; token: string }
  | { kind: 'certificate'; subjectDn: string; issuerDn: string }
  | { kind: 'ssh_key'; fingerprint: string };

/** Whom a call is recorded against: the identity, or on a refusal the credential that was found (revoked, expired, suspended). */
export type Attribution = Pick<Identity, 'partnerId' | 'applicationId' | 'credentialId'>;

export type Identified = { ok: true; identity: Identity } | { ok: false; refusal: Refusal; attribution?: Attribution };

export interface CallRequest {
  apiId: string;
  operation: string;
  /** Counted against limits: 1 for a call, N for a bulk file of N requests. */
  cost?: number;
}

export interface Admission {
  operationKind: 'read' | 'write';
  personalData: boolean;
  limits: LimitDecision['tightest'];
}

export type Admitted = { ok: true; admission: Admission } | { ok: false; refusal: Refusal };

export interface CallRecord {
  identity: Attribution | undefined;
  channel: string;
  apiId: string | null;
  operation: string;
  usagePoints?: string[];
  basis?: string | null;
  outcome: string;
  status: number;
  durationUs: number;
  cost?: number;
}

export interface GatewayDeps {
  database: Database;
  zone: TimeZone;
  clock: Clock;
  counters: CounterStore;
  audit: AuditWriter;
  registry: Registry;
  logger: Logger;
  tokens?: TokenVerifier;
  /** The hub's change counters, shared with the channels that keep answers in memory; the gateway refreshes them at the start of each call. */
  changes?: ChangeCounters;
}

export class Gateway {
  private readonly store: GatewayStore;
  private readonly deps: GatewayDeps;
  /** Counters of this process, used for reads while the shared counters cannot be reached. */
  private readonly fallbackCounters = new MemoryCounterStore();
  private calendars = new Map<string, OpeningCalendar>();
  private calendarsGeneration = -1;
  private readonly calls: Counter<'application' | 'api' | 'outcome'>;
  private readonly latency: Histogram<'application' | 'api'>;

  constructor(deps: GatewayDeps) {
    this.deps = deps;
    this.store = new GatewayStore(deps.database, deps.changes ?? new ChangeCounters(deps.database));
    this.calls = new Counter({ name: 'gridgate_gateway_calls_total', help: 'Calls through the gateway by application, API and outcome', labelNames: ['application', 'api', 'outcome'], registers: [deps.registry] });
    this.latency = new Histogram({
      name: 'gridgate_gateway_call_duration_seconds',
      help: 'Duration of calls through the gateway',
      labelNames: ['application', 'api'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [deps.registry],
    });
  }

  /** Who is calling. Every credential is checked against the current state: a revocation counts from the next call. */
  async identify(presented: Presented): Promise<Identified> {
    const refuse = (reason: Extract<Refusal, { kind: 'unauthenticated' }>['reason'], attribution?: Attribution): Identified => ({ ok: false, refusal: { kind: 'unauthenticated', reason }, attribution });
    if (presented.kind === 'none') return refuse('missing');
    await this.store.refresh();
    let found: CredentialIdentity | undefined;
    let grant: Identity['grant'];
    switch (presented.kind) {
      case 'api_key':
        found = await this.store.bySecretHash('api_key', sha256(presented.key));
        break;
      case 'client_secret': {
        const [candidate] = await this.store.byLookup('oauth_client', presented.clientId);
        // Compare even when the client is unknown, so that timing tells nothing.
        const matches = secretMatches(presented.secret, candidate?.secretHash ? Buffer.from(candidate.secretHash) : sha256(''));
        found = candidate && matches ? candidate : undefined;
        break;
      }
      case 'client_id':
        [found] = await this.store.byLookup('oauth_client', presented.clientId);
        break;
      case 'access_token': {
        const check = this.deps.tokens ? await this.deps.tokens.verify(presented.token) : ({ ok: false, reason: 'unknown' } as const);
        if (!check.ok) return refuse(check.reason);
        found = await this.store.byCredentialId(check.credentialId);
        if (found && check.customerId && check.usagePoints) grant = { customerId: check.customerId, usagePoints: check.usagePoints };
        break;
      }
      case 'certificate': {
        const issuer = normalizeDn(presented.issuerDn);
        const candidates = await this.store.byLookup('certificate', normalizeDn(presented.subjectDn));
        if (candidates.length > 0 && !candidates.some((c) => c.issuerDn === issuer)) return refuse('unknown_issuer');
        // A rotated certificate keeps its DN (OMEGA R20): prefer the active registration.
        found = candidates.find((c) => c.issuerDn === issuer && c.credentialStatus === 'active') ?? candidates.find((c) => c.issuerDn === issuer);
        break;
      }
      case 'ssh_key':
        [found] = await this.store.byLookup('ssh_key', presented.fingerprint);
        break;
    }
    if (!found) return refuse('unknown');
    // The credential was found (and its secret or token proven): the refusal is that application's, in the audit log and its KPIs.
    if (found.credentialStatus === 'revoked') return refuse('revoked', attributionOf(found));
    if (found.expiresAt !== null && Number(found.expiresAt) <= this.deps.clock.now()) return refuse('expired', attributionOf(found));
    if (found.partnerStatus === 'suspended') return { ok: false, refusal: { kind: 'suspended', what: 'partner' }, attribution: attributionOf(found) };
    if (found.applicationStatus === 'suspended') return { ok: false, refusal: { kind: 'suspended', what: 'application' }, attribution: attributionOf(found) };
    return {
      ok: true,
      identity: {
        partnerId: found.partnerId, partnerName: found.partnerName, partnerRole: found.partnerRole, applicationId: found.applicationId,
        applicationName: found.applicationName, stage: found.stage, credentialId: found.credentialId, redirectUri: found.redirectUri, grant,
      },
    };
  }

  /**
   * May this call run now: subscription, API lifecycle, opening calendar, then
   * limits at the call's cost. Runs after `identify` in the same call, whose
   * refresh of the remembered decisions it relies on.
   */
  async admit(identity: Identity, request: CallRequest): Promise<Admitted> {
    const api = await this.store.admission(request.apiId, request.operation, identity.applicationId);
    if (!api || api.planId === null) return { ok: false, refusal: { kind: 'not_subscribed', apiId: request.apiId } };
    const now = this.deps.clock.now();
    if (api.state === 'retired' || (api.sunsetDay !== null && this.deps.zone.dayOf(now) >= api.sunsetDay)) {
      return { ok: false, refusal: { kind: 'api_retired', apiId: request.apiId, sunset: api.sunsetDay !== null ? formatIsoDate(api.sunsetDay) : undefined } };
    }
    // An operation missing from the catalog is held to the stricter rules of a write (write hours, limits failing closed).
    const kind = api.operationKind ?? 'write';
    const verdict = (await this.calendarFor(api.channel, request.apiId)).verdict(now, kind);
    if (verdict.state === 'closed') return { ok: false, refusal: { kind: 'closed', reason: verdict.reason, reopensAt: verdict.reopensAt, retryAfterSeconds: secondsUntil(verdict.reopensAt, now) } };
    if (verdict.state === 'read_only') return { ok: false, refusal: { kind: 'read_only', writableAt: verdict.writableAt, retryAfterSeconds: secondsUntil(verdict.writableAt, now) } };

    const rules = await this.store.planLimits(api.planId);
    const subject = { partnerId: identity.partnerId, applicationId: identity.applicationId, apiId: request.apiId };
    let decision: LimitDecision;
    try {
      decision = await consumeLimits(this.deps.counters, rules, subject, request.cost ?? 1, now, this.deps.zone);
    } catch (error) {
      // Shared counters unreachable: writes fail closed; reads are limited by this process's own counters.
      if (kind === 'write') return { ok: false, refusal: { kind: 'limits_unavailable' } };
      this.deps.logger.warn({ err: error }, 'shared counters unreachable: reads limited per process');
      decision = await consumeLimits(this.fallbackCounters, rules, subject, request.cost ?? 1, now, this.deps.zone);
    }
    if (!decision.allowed) {
      const rule = decision.rule!;
      const refusal: Refusal =
        rule.window === 'day'
          ? { kind: 'quota_exceeded', rule: rule.name, limit: rule.limit, retryAfterSeconds: decision.retryAfterSeconds }
          : { kind: 'rate_limited', rule: rule.name, window: rule.window, limit: rule.limit, retryAfterSeconds: decision.retryAfterSeconds };
      return { ok: false, refusal };
    }
    return { ok: true, admission: { operationKind: kind, personalData: api.personalData, limits: decision.tightest } };
  }

  /** Audit record and usage of a call; resolves once the record is durable. */
  async record(call: CallRecord): Promise<void> {
    const entry: AuditEntry = {
      at: this.deps.clock.now(),
      partnerId: call.identity?.partnerId ?? null,
      applicationId: call.identity?.applicationId ?? null,
      credentialId: call.identity?.credentialId ?? null,
      channel: call.channel,
      apiId: call.apiId,
      operation: call.operation,
      usagePoints: call.usagePoints ?? [],
      basis: call.basis ?? null,
      outcome: call.outcome,
      status: call.status,
      durationUs: Math.round(call.durationUs),
      cost: call.cost ?? 1,
    };
    const application = call.identity?.applicationId ?? 'anonymous';
    this.calls.inc({ application, api: call.apiId ?? 'none', outcome: call.outcome });
    this.latency.observe({ application, api: call.apiId ?? 'none' }, call.durationUs / 1e6);
    await this.deps.audit.append(entry);
  }

  /** Calendars are read again whenever the gateway's tables changed (see GatewayStore.refresh). */
  private async calendarFor(channel: string, apiId: string): Promise<OpeningCalendar> {
    const generation = this.store.currentGeneration;
    if (generation !== this.calendarsGeneration) {
      const fresh = new Map<string, OpeningCalendar>();
      for (const row of await this.store.calendars()) fresh.set(row.channel, new OpeningCalendar(JSON.parse(row.definition) as CalendarDefinition, this.deps.zone));
      this.calendars = fresh;
      this.calendarsGeneration = generation;
    }
    return this.calendars.get(apiId) ?? this.calendars.get(channel) ?? this.alwaysOpen();
  }

  private alwaysOpenCalendar: OpeningCalendar | undefined;
  private alwaysOpen(): OpeningCalendar {
    return (this.alwaysOpenCalendar ??= new OpeningCalendar(ALWAYS_OPEN, this.deps.zone));
  }
}

function attributionOf(found: CredentialIdentity): Attribution {
  return { partnerId: found.partnerId, applicationId: found.applicationId, credentialId: found.credentialId };
}
