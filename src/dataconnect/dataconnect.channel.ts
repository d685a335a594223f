import type { FastifyInstance } from 'fastify';
import type { Consents } from '../consent/consents.ts';
import type { OAuthTokens } from '../consent/tokens.ts';
import type { Gateway } from '../gateway/gateway.ts';
import type { Database } from '../platform/db/database.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { dataConnectScope } from './dataconnect.scope.ts';
import { MeteringAccess } from './metering-access.ts';
import { v5MeteringRoutes } from './metering.routes.ts';
import { tokenRoutes } from './token.routes.ts';

export interface DataConnectDeps {
  database: Database;
  gateway: Gateway;
  tokens: OAuthTokens;
  consents: Consents;
  zone: TimeZone;
  clock: Clock;
}

/**
 * The Data Connect channel, on the paths of Enedis's gateway from the root:
 * the token endpoints, then one gateway scope per API of the catalog
 * (each API is subscribed to, limited and audited on its own).
 */
export function dataConnectChannel(deps: DataConnectDeps) {
  return async (server: FastifyInstance): Promise<void> => {
    const access = new MeteringAccess({ database: deps.database, zone: deps.zone, clock: deps.clock, consents: deps.consents });
    await server.register(tokenRoutes({ gateway: deps.gateway, tokens: deps.tokens, apiId: 'dataconnect-v5' }));
    await server.register(async (api) => {
      await dataConnectScope(api, { gateway: deps.gateway, zone: deps.zone, clock: deps.clock, apiId: 'dataconnect-v5' });
      await api.register(v5MeteringRoutes({ access, zone: deps.zone }));
    });
  };
}
