import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { CredentialKind, Stage } from './gateway.tables.ts';
import type { LimitRule } from './limits.ts';

/** The credential presented by a call, with its application and partner: one query. */
export interface CredentialIdentity {
  credentialId: string;
  kind: CredentialKind;
  credentialStatus: 'active' | 'revoked';
  expiresAt: number | null;
  secretHash: Buffer | null;
  issuerDn: string | null;
  redirectUri: string | null;
  applicationId: string;
  applicationName: string;
  stage: Stage;
  applicationStatus: 'active' | 'suspended';
  partnerId: string;
  partnerName: string;
  partnerRole: string;
  partnerStatus: 'active' | 'suspended';
}

export interface ApiAdmission {
  state: 'published' | 'deprecated' | 'retired';
  sunsetDay: number | null;
  channel: string;
  personalData: boolean;
  operationKind: 'read' | 'write' | null;
  planId: string | null;
}

/** SQL of the gateway's hot path, the same on both engines. */
export class GatewayStore {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  private identityQuery() {
    return this.db
      .selectFrom('credentials as c')
      .innerJoin('applications as a', 'a.id', 'c.applicationId')
      .innerJoin('partners as p', 'p.id', 'a.partnerId')
      .select([
        'c.id as credentialId', 'c.kind', 'c.status as credentialStatus', 'c.expiresAt', 'c.secretHash', 'c.issuerDn', 'c.redirectUri',
        'a.id as applicationId', 'a.name as applicationName', 'a.stage', 'a.status as applicationStatus',
        'p.id as partnerId', 'p.name as partnerName', 'p.role as partnerRole', 'p.status as partnerStatus',
      ]);
  }

  async bySecretHash(kind: CredentialKind, hash: Buffer): Promise<CredentialIdentity | undefined> {
    return this.identityQuery().where('c.kind', '=', kind).where('c.secretHash', '=', hash).executeTakeFirst() as Promise<CredentialIdentity | undefined>;
  }

  async byLookup(kind: CredentialKind, lookup: string): Promise<CredentialIdentity[]> {
    return this.identityQuery().where('c.kind', '=', kind).where('c.lookup', '=', lookup).execute() as Promise<CredentialIdentity[]>;
  }

  async admission(apiId: string, operation: string, applicationId: string): Promise<ApiAdmission | undefined> {
    const row = await this.db
      .selectFrom('apis as a')
      .leftJoin('apiOperations as o', (join) => join.onRef('o.apiId', '=', 'a.id').on('o.operation', '=', operation))
      .leftJoin('subscriptions as s', (join) => join.onRef('s.apiId', '=', 'a.id').on('s.applicationId', '=', applicationId))
      .select(['a.state', 'a.sunsetDay', 'a.channel', 'a.personalData', 'o.kind as operationKind', 's.planId'])
      .where('a.id', '=', apiId)
      .executeTakeFirst();
    return row ? { ...row, personalData: Number(row.personalData) === 1 } : undefined;
  }

  async planLimits(planId: string): Promise<LimitRule[]> {
    const rows = await this.db.selectFrom('planLimits').select(['name', 'window', 'scope', 'limit']).where('planId', '=', planId).orderBy('name').execute();
    return rows.map((r) => ({ ...r, limit: Number(r.limit) }));
  }

  async calendars(): Promise<{ channel: string; definition: string }[]> {
    return this.db.selectFrom('calendars').selectAll().execute();
  }
}
