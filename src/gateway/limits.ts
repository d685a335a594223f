import type { TimeZone } from '../platform/time/zone.ts';

/**
 * Rate limits and quotas: fixed windows per second, hour and local day, each
 * with a scope and counted in call costs (a bulk file of N requests costs N).
 * Windows are identified from the injected clock, never from the counter
 * store's own expiry, so that daily quotas reset at local midnight.
 */
export type LimitWindow = 'second' | 'hour' | 'day';
export type LimitScope = 'application' | 'application_api' | 'partner';

export interface LimitRule {
  /** Name shown to callers and used by dialects (Data Connect's Q3 and Q4). */
  name: string;
  window: LimitWindow;
  scope: LimitScope;
  limit: number;
}

export interface LimitSubject {
  partnerId: string;
  applicationId: string;
  apiId: string;
}

export interface CounterRequest {
  key: string;
  limit: number;
  /** When the window ends (ms): the counter may be dropped after it. */
  expiresAt: number;
}

export type ConsumeResult = { allowed: true; counts: number[] } | { allowed: false; exceeded: number; counts: number[] };

/**
 * Where counters live: memory for one process, Redis for several. `consume`
 * is atomic over all its requests: either every counter can take the cost
 * and all are incremented, or none is.
 */
export interface CounterStore {
  consume(requests: CounterRequest[], cost: number, now: number): Promise<ConsumeResult>;
  close(): Promise<void>;
}

export interface LimitDecision {
  allowed: boolean;
  /** The rule that refused the call. */
  rule: LimitRule | undefined;
  /** Seconds until the refusing window ends. */
  retryAfterSeconds: number;
  /** The tightest window after this call, for RateLimit-* headers. */
  tightest: { rule: LimitRule; remaining: number; resetSeconds: number } | undefined;
}

export function windowBounds(window: LimitWindow, now: number, zone: TimeZone): { id: string; endsAt: number } {
  switch (window) {
    case 'second': {
      const id = Math.floor(now / 1000);
      return { id: `s${id}`, endsAt: (id + 1) * 1000 };
    }
    case 'hour': {
      const id = Math.floor(now / 3_600_000);
      return { id: `h${id}`, endsAt: (id + 1) * 3_600_000 };
    }
    case 'day': {
      const day = zone.dayOf(now);
      return { id: `d${day}`, endsAt: zone.localDay(day + 1).startMs };
    }
  }
}

export function scopeKey(scope: LimitScope, subject: LimitSubject): string {
  switch (scope) {
    case 'application':
      return `app:${subject.applicationId}`;
    case 'application_api':
      return `app:${subject.applicationId}:api:${subject.apiId}`;
    case 'partner':
      return `partner:${subject.partnerId}`;
  }
}

/** Checks and counts one call of `cost` against every rule, in one atomic step. */
export async function consumeLimits(store: CounterStore, rules: LimitRule[], subject: LimitSubject, cost: number, now: number, zone: TimeZone): Promise<LimitDecision> {
  if (rules.length === 0) return { allowed: true, rule: undefined, retryAfterSeconds: 0, tightest: undefined };
  const windows = rules.map((rule) => windowBounds(rule.window, now, zone));
  const requests = rules.map((rule, i) => ({ key: `gg:limit:${scopeKey(rule.scope, subject)}:${rule.name}:${windows[i].id}`, limit: rule.limit, expiresAt: windows[i].endsAt }));
  const result = await store.consume(requests, cost, now);
  const secondsLeft = (i: number) => Math.max(1, Math.ceil((windows[i].endsAt - now) / 1000));
  let tightest: LimitDecision['tightest'];
  rules.forEach((rule, i) => {
    const remaining = Math.max(0, rule.limit - result.counts[i]);
    if (!tightest || remaining < tightest.remaining) tightest = { rule, remaining, resetSeconds: secondsLeft(i) };
  });
  if (result.allowed) return { allowed: true, rule: undefined, retryAfterSeconds: 0, tightest };
  return { allowed: false, rule: rules[result.exceeded], retryAfterSeconds: secondsLeft(result.exceeded), tightest };
}
