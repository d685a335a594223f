import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { Channel } from './gateway.tables.ts';

/**
 * The APIs the hub serves, each with its operations and whether they read or
 * write (every SOAP call is a POST, so the kind is declared per operation).
 * Added to the catalog at start-up; an operator may then deprecate or retire
 * them, which start-up never undoes.
 */
export interface CatalogApi {
  id: string;
  family: string;
  name: string;
  version: string;
  channel: Channel;
  personalData: boolean;
  operations: { operation: string; kind: 'read' | 'write' }[];
}

const read = (...operations: string[]) => operations.map((operation) => ({ operation, kind: 'read' as const }));

export const BUILT_IN_APIS: CatalogApi[] = [
  {
    id: 'native-v1', family: 'native', name: 'Gridgate native API', version: 'v1', channel: 'rest', personalData: true,
    operations: read('usage_points.list', 'usage_points.get', 'readings.get'),
  },
  {
    id: 'dataconnect-v3', family: 'dataconnect', name: 'Enedis Data Connect v3/v4 (legacy)', version: 'v3', channel: 'rest', personalData: true,
    operations: read('metering_data', 'customers'),
  },
  {
    id: 'dataconnect-v5', family: 'dataconnect', name: 'Enedis Data Connect v5', version: 'v5', channel: 'rest', personalData: true,
    operations: read('metering_data_dc', 'metering_data_clc', 'metering_data_dcmp', 'metering_data_dp', 'metering_data_plc', 'customers_upc', 'customers_upa', 'customers_i', 'customers_cd'),
  },
  {
    id: 'dataconnect-2026', family: 'dataconnect', name: 'Enedis Data Connect 2026', version: '2026', channel: 'rest', personalData: true,
    operations: read('mesure_synchrone_auto', 'subscribed_services', 'situation_contrat_auto', 'synth_contrat_auto', 'donnees_generales_auto', 'situation_comptage_auto', 'alimentation_auto'),
  },
  {
    id: 'sge-b2b', family: 'sge', name: 'Enedis SGE B2B web services', version: 'v1', channel: 'soap', personalData: true,
    operations: [
      ...read('ConsultationMesures', 'ConsultationMesuresDetaillees', 'ConsultationDonneesTechniquesContractuelles', 'RecherchePoint', 'RechercheServicesSouscritsMesures'),
      { operation: 'CommandeCollectePublicationMesures', kind: 'write' },
      { operation: 'CommandeArretServiceSouscritMesures', kind: 'write' },
      { operation: 'CommandeTransmissionHistoriqueMesures', kind: 'write' },
      { operation: 'CommandeTransmissionDonneesInfraJ', kind: 'write' },
    ],
  },
  {
    id: 'omega-soap', family: 'omega', name: 'GRDF OMEGA web services (SOAP)', version: 'v1', channel: 'soap', personalData: true,
    operations: [...read('consultation'), { operation: 'demande', kind: 'write' }],
  },
  {
    id: 'omega-rest', family: 'omega', name: 'GRDF OMEGA web services (REST)', version: 'v1', channel: 'rest', personalData: true,
    operations: [...read('consultation'), { operation: 'demande', kind: 'write' }],
  },
  {
    id: 'omega-files', family: 'omega', name: 'GRDF OMEGA file channel', version: 'v1', channel: 'files', personalData: true,
    operations: [...read('download'), { operation: 'bulk_request', kind: 'write' }],
  },
  {
    id: 'adict', family: 'adict', name: 'GRDF ADICT', version: '1.6', channel: 'rest', personalData: true,
    operations: [...read('donnees_consommations', 'donnees_techniques'), { operation: 'droit_acces', kind: 'write' }],
  },
  {
    id: 'opendata-v1', family: 'opendata', name: 'Open data', version: 'v1', channel: 'rest', personalData: false,
    operations: read('datasets.list', 'datasets.records'),
  },
];

/** Adds the built-in APIs and operations that are missing; leaves existing ones (and their states) as they are. */
export async function ensureCatalog(db: Kysely<Schema>, apis: CatalogApi[] = BUILT_IN_APIS): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const api of apis) {
      await trx
        .insertInto('apis')
        .values({ id: api.id, family: api.family, name: api.name, version: api.version, channel: api.channel, state: 'published', sunsetDay: null, personalData: api.personalData ? 1 : 0 })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      for (const op of api.operations) {
        await trx.insertInto('apiOperations').values({ apiId: api.id, operation: op.operation, kind: op.kind }).onConflict((oc) => oc.columns(['apiId', 'operation']).doNothing()).execute();
      }
    }
  });
}
