import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { sha256 } from '../platform/secrets.ts';
import { GatewayAdmin } from './admin.service.ts';
import { ensureCatalog } from './catalog.ts';

export const OPERATOR_PARTNER_ID = 'operator';
export const OPERATOR_APPLICATION_ID = 'operator-console';
export const OPERATOR_PLAN_ID = 'operator-unlimited';

/**
 * What every hub needs at start-up: the built-in catalog, and the operator's
 * own application, subscribed to every API without limits, holding the
 * operator API key of the configuration (GRIDGATE_OPERATOR_API_KEY or the
 * demo key) when there is one.
 */
export async function bootstrapGateway(db: Kysely<Schema>, now: () => number, operatorApiKey: string | undefined): Promise<void> {
  await ensureCatalog(db);
  const admin = new GatewayAdmin(db, now);
  if (!(await db.selectFrom('partners').select('id').where('id', '=', OPERATOR_PARTNER_ID).executeTakeFirst())) {
    await admin.createPartner({ id: OPERATOR_PARTNER_ID, role: 'operator', name: 'Network operator', legalId: '000000000' });
    await admin.createApplication({ id: OPERATOR_APPLICATION_ID, partnerId: OPERATOR_PARTNER_ID, name: 'Operator console and tools', stage: 'production' });
  }
  if (!(await db.selectFrom('plans').select('id').where('id', '=', OPERATOR_PLAN_ID).executeTakeFirst())) {
    await admin.createPlan({ id: OPERATOR_PLAN_ID, name: "Operator's own use, no limits", monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [] });
  }
  const subscribed = new Set((await admin.listSubscriptions(OPERATOR_APPLICATION_ID)).map((s) => s.apiId));
  for (const api of await admin.listApis()) if (!subscribed.has(api.id) && api.state !== 'retired') await admin.subscribe(OPERATOR_APPLICATION_ID, api.id, OPERATOR_PLAN_ID);
  if (operatorApiKey) {
    const known = await db.selectFrom('credentials').select('id').where('kind', '=', 'api_key').where('secretHash', '=', sha256(operatorApiKey)).executeTakeFirst();
    if (!known) await admin.createCredential({ applicationId: OPERATOR_APPLICATION_ID, kind: 'api_key', presetSecret: operatorApiKey });
  }
}
