/**
 * Why the gateway refused a call: a typed value that each dialect renders in
 * its own error format (Data Connect JSON, SOAP faults, integration reports,
 * the native API's JSON).
 */
export type Refusal =
  | { kind: 'unauthenticated'; reason: 'missing' | 'unknown' | 'revoked' | 'expired' | 'unknown_issuer' }
  | { kind: 'suspended'; what: 'partner' | 'application' }
  | { kind: 'not_subscribed'; apiId: string }
  | { kind: 'api_retired'; apiId: string; sunset: string | undefined }
  | { kind: 'closed'; reason: string; reopensAt: number | undefined; retryAfterSeconds: number | undefined }
  | { kind: 'read_only'; writableAt: number | undefined; retryAfterSeconds: number | undefined }
  | { kind: 'rate_limited'; rule: string; window: 'second' | 'hour'; limit: number; retryAfterSeconds: number }
  | { kind: 'quota_exceeded'; rule: string; limit: number; retryAfterSeconds: number }
  | { kind: 'limits_unavailable' };

export type RefusalKind = Refusal['kind'];

/** Which refusals are decisions (counted as refused in the KPIs) and which a failure of the hub's own parts (counted as errors). */
const A_DECISION: Record<RefusalKind, boolean> = {
  unauthenticated: true, suspended: true, not_subscribed: true, api_retired: true, closed: true, read_only: true, rate_limited: true, quota_exceeded: true,
  limits_unavailable: false,
};

/** Whether a recorded outcome is one of the gateway's decisions: counted as refused, never as an error, even when answered 503 (a closed window). */
export function isRefusalOutcome(outcome: string): boolean {
  return Object.hasOwn(A_DECISION, outcome) && A_DECISION[outcome as RefusalKind];
}

/** Whole seconds from `now` until `at` (at least 1), for Retry-After; unknown when the calendar does not know when. */
export function secondsUntil(at: number | undefined, now: number): number | undefined {
  return at === undefined ? undefined : Math.max(1, Math.ceil((at - now) / 1000));
}

/** HTTP status a REST dialect answers for each refusal, unless it says otherwise. */
export function refusalStatus(refusal: Refusal): number {
  switch (refusal.kind) {
    case 'unauthenticated':
      return 401;
    case 'suspended':
    case 'not_subscribed':
      return 403;
    case 'api_retired':
      return 410;
    case 'closed':
    case 'read_only':
    case 'limits_unavailable':
      return 503;
    case 'rate_limited':
    case 'quota_exceeded':
      return 429;
  }
}

/** A sentence for people: what happened and what to do. */
export function refusalMessage(refusal: Refusal, when: (ms: number | undefined) => string): string {
  switch (refusal.kind) {
    case 'unauthenticated':
      return {
        missing: 'No credentials were presented: send your API key or token',
        unknown: 'The credentials are not valid',
        revoked: 'These credentials were revoked: ask your administrator for new ones',
        expired: 'These credentials have expired: renew them',
        unknown_issuer: 'The client certificate was issued by an authority this hub does not trust',
      }[refusal.reason];
    case 'suspended':
      return `Your ${refusal.what} is suspended: contact the operator`;
    case 'not_subscribed':
      return `Your application is not subscribed to the API ${refusal.apiId}: subscribe to it in the developer portal`;
    case 'api_retired':
      return `The API ${refusal.apiId} was retired${refusal.sunset ? ` on ${refusal.sunset}` : ''}: move to its successor`;
    case 'closed':
      return `The service is closed (${refusal.reason}); it reopens ${when(refusal.reopensAt)}`;
    case 'read_only':
      return `The service only accepts reads now; writes are accepted again ${when(refusal.writableAt)}`;
    case 'rate_limited':
      return `Rate limit ${refusal.rule} reached: retry in ${refusal.retryAfterSeconds} s`;
    case 'quota_exceeded':
      return `Quota ${refusal.rule} used up: it resets in ${refusal.retryAfterSeconds} s`;
    case 'limits_unavailable':
      return 'Limits cannot be checked right now, so writes are refused: retry in a moment';
  }
}
