import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Consents } from '../consent/consents.ts';
import type { OAuthTokens } from '../consent/tokens.ts';
import type { Gateway } from '../gateway/gateway.ts';
import { GridStore } from '../grid/grid.store.ts';
import { DEFAULT_DATA_CONNECT_SETTINGS, type DataConnectSettings } from '../platform/config.ts';
import type { ChangeCounters } from '../platform/db/change-counters.ts';
import type { Database } from '../platform/db/database.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { v5CustomerRoutes } from './customers.routes.ts';
import { dataConnectScope } from './dataconnect.scope.ts';
import { itcRoutes } from './itc.routes.ts';
import { legacyDataRoutes } from './legacy-data.routes.ts';
import { measures2026Routes, unservedMeasureRoutes } from './measures-2026.routes.ts';
import { MeteringAccess } from './metering-access.ts';
import { v5MeteringRoutes } from './metering.routes.ts';
import { subscribedServicesRoutes } from './subscribed-services.routes.ts';
import { tokenRoutes } from './token.routes.ts';
import { legacyTokenRoutes } from './legacy-token.routes.ts';
import { AuthorizationCodes } from '../consent/authorization-codes.ts';

export interface DataConnectDeps {
  database: Database;
  gateway: Gateway;
  tokens: OAuthTokens;
  consents: Consents;
  zone: TimeZone;
  clock: Clock;
  /** The deployment switches (config `dataConnect`); the defaults when left out. */
  settings?: DataConnectSettings;
  /** The hub's change counters (refreshed by the gateway at the start of each call): points and contracts are then kept in memory. */
  changes?: ChangeCounters;
}

type Plugin = (app: FastifyInstance) => Promise<void>;

/**
 * The Data Connect channel, on the paths of Enedis's gateway from the root:
 * the token endpoints, then one gateway scope per API of the catalog
 * (each API is subscribed to, limited and audited on its own).
 */
export function dataConnectChannel(deps: DataConnectDeps) {
  return async (server: FastifyInstance): Promise<void> => {
    const settings = deps.settings ?? DEFAULT_DATA_CONNECT_SETTINGS;
    const access = new MeteringAccess({ database: deps.database, zone: deps.zone, clock: deps.clock, consents: deps.consents, changes: deps.changes });
    const grid = new GridStore(deps.database.db);
    const routes = { access, grid, zone: deps.zone, clock: deps.clock };

    /** One API of the catalog: its gateway scope, then its routes. */
    const api = (apiId: string, plugins: Plugin[], configure?: (scope: FastifyInstance) => void) =>
      server.register(async (scope) => {
        await dataConnectScope(scope, { gateway: deps.gateway, zone: deps.zone, clock: deps.clock, apiId });
        configure?.(scope);
        for (const plugin of plugins) await scope.register(plugin);
      });

    await server.register(tokenRoutes({ gateway: deps.gateway, tokens: deps.tokens, apiId: 'dataconnect-v5' }));
    await server.register(legacyTokenRoutes({ gateway: deps.gateway, tokens: deps.tokens, codes: new AuthorizationCodes(deps.database, deps.clock), consents: deps.consents, apiId: 'dataconnect-v3' }));
    await api('dataconnect-v3', [legacyDataRoutes(routes)]);
    await api('dataconnect-v5', [v5MeteringRoutes(routes), v5CustomerRoutes(routes)]);
    await api(
      'dataconnect-2026',
      [measures2026Routes(routes, settings), subscribedServicesRoutes({ ...routes, database: deps.database, consents: deps.consents }), itcRoutes(routes)],
      (scope) => {
        if (settings.octetStream) scope.addHook('onSend', labelOctetStream);
      },
    );
    await server.register(unservedMeasureRoutes(settings));
  };
}

/** The live 2026 gateway's label on its GET answers, whatever their status (decision 18's compatibility switch). */
async function labelOctetStream(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (request.method === 'GET') reply.header('content-type', 'application/octet-stream');
  return payload;
}
