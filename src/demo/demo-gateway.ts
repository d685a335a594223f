import type { Kysely } from 'kysely';
import { GatewayAdmin } from '../gateway/admin.service.ts';
import { ensureCatalog } from '../gateway/catalog.ts';
import type { Schema } from '../platform/db/schema.ts';
import { demoCredentials } from './credentials.ts';

/** Demo plans: the documented limits of each dialect (Data Connect Q3/Q4; an OMEGA daily bulk quota). */
const DEMO_PLANS = [
  {
    id: 'dataconnect-standard', name: 'Data Connect: 5 calls/s (Q3) and 1,000 calls/h (Q4) per application and API', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
    limits: [
      { name: 'Q3', window: 'second' as const, scope: 'application_api' as const, limit: 5 },
      { name: 'Q4', window: 'hour' as const, scope: 'application_api' as const, limit: 1000 },
    ],
  },
  {
    id: 'supplier-b2b', name: 'Supplier B2B: 10 calls/s per application', monthlyFeeCents: 15000, pricePerThousandCallsCents: 10, includedCalls: 100_000,
    limits: [{ name: 'per-second', window: 'second' as const, scope: 'application' as const, limit: 10 }],
  },
  {
    // R41: one daily counter per supplier of the requests inside its bulk files (a file of N requests costs N), whatever the channel that carries them.
    id: 'omega-bulk', name: 'OMEGA bulk requests: 2,000 requests a day per partner (R41)', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
    limits: [{ name: 'bulk-requests', window: 'day' as const, scope: 'partner' as const, limit: 2000 }],
  },
  {
    id: 'public-data', name: 'Local authorities and open data: 20 calls/s', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0,
    limits: [{ name: 'per-second', window: 'second' as const, scope: 'application' as const, limit: 20 }],
  },
];

const PLAN_OF_API: Record<string, string> = {
  'dataconnect-v3': 'dataconnect-standard', 'dataconnect-v5': 'dataconnect-standard', 'dataconnect-2026': 'dataconnect-standard',
  'native-v1': 'supplier-b2b', 'sge-b2b': 'supplier-b2b', 'omega-soap': 'supplier-b2b', 'omega-rest': 'supplier-b2b', 'omega-files': 'omega-bulk', 'opendata-v1': 'public-data',
};

/** Demo partners and their applications (one in sandbox, others in production), with the credentials derived from the seed. Idempotent. */
export async function seedDemoGateway(db: Kysely<Schema>, seed: string, now: () => number): Promise<void> {
  await ensureCatalog(db);
  const admin = new GatewayAdmin(db, now);
  const existingPlans = new Set((await admin.listPlans()).map((p) => p.id));
  for (const plan of DEMO_PLANS) if (!existingPlans.has(plan.id)) await admin.createPlan(plan);
  const partners = new Set((await admin.listPartners()).map((p) => p.id));
  const applications = new Set((await admin.listApplications()).map((a) => a.id));
  const legalIds: Record<string, { role: string; legalId: string }> = {
    'demo-watt-services': { role: 'service_provider', legalId: '90000000100017' },
    'demo-volt-energie': { role: 'supplier', legalId: '90000000200015' },
    'demo-metropole': { role: 'local_authority', legalId: '200000000' },
  };
  for (const app of demoCredentials(seed).applications) {
    if (!partners.has(app.partnerId)) {
      await admin.createPartner({ id: app.partnerId, role: legalIds[app.partnerId].role, name: app.partnerName, legalId: legalIds[app.partnerId].legalId, contacts: [{ email: `api@${app.partnerId}.example`, name: 'API team', purpose: 'technical' }] });
      partners.add(app.partnerId);
    }
    if (applications.has(app.applicationId)) continue;
    await admin.createApplication({ id: app.applicationId, partnerId: app.partnerId, name: app.applicationName, stage: app.stage });
    await admin.createCredential({ applicationId: app.applicationId, kind: app.kind, redirectUri: app.redirectUri, presetSecret: app.secret, presetClientId: app.clientId });
    for (const api of app.apis) await admin.subscribe(app.applicationId, api, PLAN_OF_API[api]);
  }
}
