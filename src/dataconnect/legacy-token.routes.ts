import type { FastifyInstance } from 'fastify';
import type { AuthorizationCodes } from '../consent/authorization-codes.ts';
import type { Consents } from '../consent/consents.ts';
import type { IssuedToken, OAuthTokens } from '../consent/tokens.ts';
import { JSON_UTF8 } from './dataconnect.dialect.ts';
import { tokenEndpointScope, type TokenCall } from './oauth-client.ts';
import type { Gateway } from '../gateway/gateway.ts';

/** The scope a legacy token answer lists: the v3/v4 resources, as `<path>.GET` (§4.2). */
export const LEGACY_SCOPE = [
  '/v3/customers/usage_points/addresses.GET', '/v3/customers/usage_points/contracts.GET', '/v4/metering_data/daily_consumption.GET', '/v3/customers/contact_data.GET',
  '/v4/metering_data/consumption_max_power.GET', '/v4/metering_data/consumption_load_curve.GET', '/v3/customers/identity.GET',
  '/v4/metering_data/daily_production.GET', '/v4/metering_data/production_load_curve.GET',
].join(' ');

/**
 * `POST /v1/oauth2/token` of Data Connect v1-v4: the authorization code of the
 * consent redirect (single use, 180 s) or a refresh token, exchanged for a
 * customer's access and refresh tokens. The answer is §4.2's, with the
 * strict clients' types (decisions 5, 23, 24): `expires_in` a number, the
 * `*_issued_at` epoch milliseconds as strings, `usage_points_id` joined by `,`.
 */
export function legacyTokenRoutes(deps: { gateway: Gateway; tokens: OAuthTokens; codes: AuthorizationCodes; consents: Consents; apiId: string }) {
  return async (app: FastifyInstance): Promise<void> => {
    const authenticate = await tokenEndpointScope(app, deps);

    const answer = async (call: TokenCall, customerId: string, usagePoints: string[]) => {
      const issued: IssuedToken & { refreshToken: string } = await deps.tokens.issueCustomerTokens({ applicationId: call.identity.applicationId, credentialId: call.identity.credentialId }, customerId, usagePoints);
      await call.record('ok', 200);
      return {
        access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, refresh_token: issued.refreshToken, scope: LEGACY_SCOPE,
        refresh_token_issued_at: String(issued.issuedAt), issued_at: String(issued.issuedAt), usage_points_id: usagePoints.join(','),
      };
    };

    app.post('/v1/oauth2/token', async (request, reply) => {
      const call = await authenticate(request, reply, 'oauth2.token');
      if (!call) return reply;
      const { params, identity, refuse } = call;
      // The seed sends the registered URI in the query string; if it is there, it must be exactly that one (decision 6).
      if (params.redirect_uri !== undefined && params.redirect_uri !== identity.redirectUri) return refuse('invalid_grant', 'The redirect_uri does not match the one registered for this application');
      switch (params.grant_type) {
        case undefined:
        case '':
          return refuse('invalid_request', 'The request is missing a required parameter: grant_type');
        case 'authorization_code': {
          if (!params.code) return refuse('invalid_request', 'The request is missing a required parameter: code');
          const redeemed = await deps.codes.redeem(params.code, identity.applicationId);
          if (!redeemed) return refuse('invalid_grant', 'The authorization code is invalid, expired or already used');
          return reply.code(200).type(JSON_UTF8).header('cache-control', 'no-store').send(await answer(call, redeemed.customerId, redeemed.usagePoints));
        }
        case 'refresh_token': {
          if (!params.refresh_token) return refuse('invalid_request', 'The request is missing a required parameter: refresh_token');
          const check = await deps.tokens.verify(params.refresh_token, 'refresh');
          if (!check.ok || check.applicationId !== identity.applicationId || !check.customerId || !check.usagePoints) return refuse('invalid_grant', 'The refresh token is invalid, expired or revoked');
          const customerId = check.customerId;
          const live = [];
          for (const point of check.usagePoints) if ((await deps.consents.liveOn(identity.applicationId, point)).some((c) => c.customerId === customerId)) live.push(point);
          if (live.length === 0) return refuse('invalid_grant', 'The consent behind this refresh token has ended');
          // A refresh token is used once, and only one of two concurrent uses wins: the answer carries its successor (decision 24).
          if (!(await deps.tokens.revoke(params.refresh_token, identity.applicationId))) return refuse('invalid_grant', 'The refresh token is invalid, expired or revoked');
          return reply.code(200).type(JSON_UTF8).header('cache-control', 'no-store').send(await answer(call, customerId, live));
        }
        default:
          return refuse('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
      }
    });
  };
}
