import type { FastifyInstance } from 'fastify';
import type { OAuthTokens } from '../consent/tokens.ts';
import type { Gateway } from '../gateway/gateway.ts';
import { JSON_UTF8 } from './dataconnect.dialect.ts';
import { tokenEndpointScope } from './oauth-client.ts';

/**
 * `/oauth2/v3/token` (client credentials, the only grant of v5 and 2026) and
 * `/oauth2/v3/revoke`. Answers follow RFC 6749 with the strict clients' needs
 * of §13.23: `token_type` and `scope` strings, `expires_in` a number.
 */
export function tokenRoutes(deps: { gateway: Gateway; tokens: OAuthTokens; apiId: string }) {
  return async (app: FastifyInstance): Promise<void> => {
    const authenticate = await tokenEndpointScope(app, deps);

    app.post('/oauth2/v3/token', async (request, reply) => {
      const call = await authenticate(request, reply, 'oauth2.token');
      if (!call) return reply;
      const grantType = call.params.grant_type;
      if (!grantType) return call.refuse('invalid_request', 'The request is missing a required parameter: grant_type');
      if (grantType !== 'client_credentials') return call.refuse('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
      const issued = await deps.tokens.issueClientToken({ applicationId: call.identity.applicationId, credentialId: call.identity.credentialId });
      await call.record('ok', 200);
      return reply.code(200).type(JSON_UTF8).header('cache-control', 'no-store').send({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: '' });
    });

    app.post('/oauth2/v3/revoke', async (request, reply) => {
      const call = await authenticate(request, reply, 'oauth2.revoke');
      if (!call) return reply;
      // An unknown token, or another application's, is answered 200 all the same (RFC 7009 §2.2).
      if (call.params.token) await deps.tokens.revoke(call.params.token, call.identity.applicationId);
      await call.record('ok', 200);
      return reply.code(200).type(JSON_UTF8).send({});
    });
  };
}
