import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatches, sha256 } from '../secrets.ts';
import { AppError } from '../errors.ts';

/**
 * The native API's credential check: an operator API key from configuration,
 * presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Runs on
 * the request hook, before any parameter is validated.
 */
export function operatorKeyCheck(operatorApiKey: string | undefined) {
  const storedHash = operatorApiKey ? sha256(operatorApiKey) : undefined;
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const presented = presentedKey(request);
    if (!presented) throw new AppError(401, 'missing_credentials', 'This API needs an API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>"');
    if (!storedHash) throw new AppError(401, 'invalid_credentials', 'No API key is configured on this hub: set GRIDGATE_OPERATOR_API_KEY and restart');
    if (!secretMatches(presented, storedHash)) throw new AppError(401, 'invalid_credentials', 'The API key is not valid');
  };
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey : undefined;
}
