import type { FastifyInstance } from 'fastify';
import type { GridStore } from '../grid/grid.store.ts';
import { renderAlimentation } from './customers/alimentation.ts';
import { renderDonneesGenerales } from './customers/donnees-generales.ts';
import { sandboxItcAnswer, type ItcApi } from './customers/sandbox-fixtures.ts';
import { renderSituationComptage } from './customers/situation-comptage.ts';
import { renderSituationContrat } from './customers/situation-contrat.ts';
import { renderSynthContrat } from './customers/synthese-contrat.ts';
import { withTrailingSlash } from './dataconnect.dialect.ts';
import { customerRoutes, type CustomerDeps, type CustomerResource } from './customers.routes.ts';
import type { AllowedCustomerRead } from './metering-access.ts';

/**
 * The 2026 contract and address APIs (§11.3, decisions 12, 19-21), each an
 * operation of `dataconnect-2026`: PRM in the path, with or without a
 * trailing slash (decision 13), the consent and holder rules of the metering
 * APIs, `{"code", "message"}` errors. Every electricity point has this data
 * (production points too); an unknown or gas point is 404. A sandbox
 * application gets the recorded payloads of the sandbox PRMs byte for byte
 * (decision 21), and synthetic data of the same form for the others.
 */

interface ItcApiDef {
  api: ItcApi;
  base: string;
  operation: string;
  render(read: AllowedCustomerRead, grid: GridStore): unknown;
}

export const ITC_APIS: ItcApiDef[] = [
  {
    api: 'situation_contrat_auto', base: '/situation_contrat_auto/v1', operation: 'situation_contrat_auto',
    // The contract's balance responsible party, under both spellings; the renderer leaves it out on C5 and P4 (decision 20).
    render: async (read, grid) =>
      renderSituationContrat({
        point: read.point, contract: read.contract, customer: read.customer, supplier: await grid.marketParty(read.contract.supplierId),
        balanceResponsibleParty: read.contract.balanceResponsibleId == null ? null : { id: read.contract.balanceResponsibleId },
      }),
  },
  { api: 'synth_contrat_auto', base: '/synth_contrat_auto/v1', operation: 'synth_contrat_auto', render: (read) => renderSynthContrat({ point: read.point, contract: read.contract }) },
  { api: 'donnees_generales_auto', base: '/donnees_generales_auto/v1', operation: 'donnees_generales_auto', render: (read) => renderDonneesGenerales(read.point) },
  // Situation-comptage-auto.yaml serves it on /comptage_auto/v1; the catalog names the operation after the API.
  { api: 'comptage_auto', base: '/comptage_auto/v1', operation: 'situation_comptage_auto', render: (read) => renderSituationComptage(read.point) },
  { api: 'alimentation_auto', base: '/alimentation_auto/v1', operation: 'alimentation_auto', render: (read) => renderAlimentation(read.point) },
];

function itcResource(def: ItcApiDef, grid: GridStore): CustomerResource {
  return {
    // The base path alone answers too: the missing PRM is a 400, as the Swagger's example says.
    paths: [...withTrailingSlash(`${def.base}/:usage_point_id`), ...withTrailingSlash(def.base)],
    operation: def.operation,
    flavour: 'v2',
    names: { usagePoint: 'usage_point_id' },
    usagePointOf: (request) => (request.params as Record<string, string | undefined>).usage_point_id,
    hasData: (point) => point.energy === 'electricity',
    render: (read, context) => (context.identity.stage === 'sandbox' ? sandboxItcAnswer(def.api, read.point.id)?.bytes : undefined) ?? def.render(read, grid),
  };
}

export function itcRoutes(deps: CustomerDeps & { grid: GridStore }) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(customerRoutes(deps, ITC_APIS.map((def) => itcResource(def, deps.grid))));
  };
}
