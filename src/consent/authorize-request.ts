import type { TimeZone } from '../platform/time/zone.ts';
import { consentExpiry } from './consent-duration.ts';

/** The consent pages: v1 (Data Connect v4/v5), v2 (2026, one PRM, `autorisation_id`), and the 2020 path of the oldest clients. */
export type Generation = 'v1' | 'v2' | 'legacy';

export const AUTHORIZE_PATHS: Record<Generation, string> = {
  v1: '/dataconnect/v1/oauth2/authorize',
  v2: '/dataconnect/v2/oauth2/authorize',
  legacy: '/group/espace-particuliers/consentement-linky/oauth2/authorize',
};

/** `state` is echoed in the redirect; Enedis caps it at 100 characters (§3). */
export const MAX_STATE_LENGTH = 100;

export interface AuthorizeParams {
  clientId: string;
  state: string | undefined;
  duration: string;
  expiresAt: number;
  /** Sent by some clients (`redirect_uri`, or the 2020 `redirect_URI`): must equal the registered URI. */
  redirectUri: string | undefined;
}

/** A request refused before the customer is involved: never redirected (decision 7). */
export interface AuthorizeProblem {
  error: 'invalid_request';
  description: 'missing_parameter' | 'invalid_response_type' | 'invalid_state' | 'invalid_duration_format' | 'maximum_duration_exceeded' | 'unknown_client_id' | 'redirect_uri_mismatch';
  /** Which parameter, for the HTML page. */
  parameter: string;
}

export type ParsedAuthorize = { ok: true; params: AuthorizeParams } | { ok: false; problem: AuthorizeProblem };

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

/** The query of an authorize request, checked in the order a reader of the URL would: who asks, what, for how long. */
export function parseAuthorizeQuery(query: Record<string, unknown>, now: number, zone: TimeZone): ParsedAuthorize {
  const refuse = (description: AuthorizeProblem['description'], parameter: string): ParsedAuthorize => ({ ok: false, problem: { error: 'invalid_request', description, parameter } });
  const clientId = single(query.client_id);
  const responseType = single(query.response_type);
  const duration = single(query.duration);
  const state = single(query.state);
  if (!clientId) return refuse('missing_parameter', 'client_id');
  if (!responseType) return refuse('missing_parameter', 'response_type');
  if (responseType !== 'code') return refuse('invalid_response_type', 'response_type');
  if (!duration) return refuse('missing_parameter', 'duration');
  if (state !== undefined && state.length > MAX_STATE_LENGTH) return refuse('invalid_state', 'state');
  const expiry = consentExpiry(duration, now, zone);
  if (!expiry.ok) return refuse(expiry.error, 'duration');
  return { ok: true, params: { clientId, state: state === '' ? undefined : state, duration, expiresAt: expiry.expiresAt, redirectUri: single(query.redirect_uri) ?? single(query.redirect_URI) } };
}
