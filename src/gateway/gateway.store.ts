import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import type { CredentialKind, Stage } from './gateway.tables.ts';
import type { LimitRule } from './limits.ts';
import { compileOnce } from '../platform/db/compiled.ts';
import type { ChangeCounters } from '../platform/db/change-counters.ts';

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

/**
 * SQL of the gateway's hot path, the same on both engines, compiled once (see
 * compileOnce). Answers are kept in memory for as long as the `gateway`
 * change counter (migration 0009: moved by triggers on every change of
 * partners, applications, credentials, catalog, plans, subscriptions,
 * calendars) stays the same; `refresh` reads the counters once per call, so
 * a revocation made by any process counts from the next call, and a call
 * costs one small query.
 */
export class GatewayStore {
  private readonly db: Kysely<Schema>;
  private readonly changes: ChangeCounters;
  readonly bySecretHash: (kind: CredentialKind, hash: Buffer) => Promise<CredentialIdentity | undefined>;
  readonly byLookup: (kind: CredentialKind, lookup: string) => Promise<CredentialIdentity[]>;
  readonly byCredentialId: (id: string) => Promise<CredentialIdentity | undefined>;
  private readonly admissionRows: (apiId: string, operation: string, applicationId: string) => Promise<(Omit<ApiAdmission, 'personalData'> & { personalData: number })[]>;
  private readonly limitRows: (planId: string) => Promise<LimitRule[]>;

  constructor(database: Database, changes: ChangeCounters) {
    this.db = database.db;
    this.changes = changes;
    const bySecret = compileOnce(database, (kind: string, hash: Buffer) => this.identityQuery().where('c.kind', '=', kind as CredentialKind).where('c.secretHash', '=', hash), 'kind?', Buffer.from('hash?') as Buffer);
    this.bySecretHash = (kind, hash) => this.remember(`s|${kind}|${hash.toString('base64')}`, async () => (await bySecret(kind, hash))[0] as CredentialIdentity | undefined);
    const byLookup = compileOnce(database, (kind: string, lookup: string) => this.identityQuery().where('c.kind', '=', kind as CredentialKind).where('c.lookup', '=', lookup), 'kind?', 'lookup?');
    const byId = compileOnce(database, (id: string) => this.identityQuery().where('c.id', '=', id), 'id?');
    this.byCredentialId = (id) => this.remember(`i|${id}`, async () => (await byId(id))[0] as CredentialIdentity | undefined);
    this.byLookup = (kind, lookup) => this.remember(`l|${kind}|${lookup}`, async () => (await byLookup(kind, lookup)) as CredentialIdentity[]);
    this.admissionRows = compileOnce(
      database,
      (apiId: string, operation: string, applicationId: string) =>
        this.db
          .selectFrom('apis as a')
          .leftJoin('apiOperations as o', (join) => join.onRef('o.apiId', '=', 'a.id').on('o.operation', '=', operation))
          .leftJoin('subscriptions as s', (join) => join.onRef('s.apiId', '=', 'a.id').on('s.applicationId', '=', applicationId))
          .select(['a.state', 'a.sunsetDay', 'a.channel', 'a.personalData', 'o.kind as operationKind', 's.planId'])
          .where('a.id', '=', apiId),
      'api?', 'operation?', 'application?',
    );
    this.limitRows = compileOnce(database, (planId: string) => this.db.selectFrom('planLimits').select(['name', 'window', 'scope', 'limit']).where('planId', '=', planId).orderBy('name'), 'plan?');
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

  get currentGeneration(): number {
    return this.changes.value('gateway');
  }

  /** Reads the change counters (and so drops what changed since); call once per call, before the reads. */
  async refresh(): Promise<void> {
    await this.changes.refresh();
  }

  admission(apiId: string, operation: string, applicationId: string): Promise<ApiAdmission | undefined> {
    return this.remember(`a|${apiId}|${operation}|${applicationId}`, async () => {
      const [row] = await this.admissionRows(apiId, operation, applicationId);
      return row ? { ...row, personalData: Number(row.personalData) === 1 } : undefined;
    });
  }

  planLimits(planId: string): Promise<LimitRule[]> {
    return this.remember(`p|${planId}`, async () => (await this.limitRows(planId)).map((r) => ({ ...r, limit: Number(r.limit) })));
  }

  private remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.changes.remember('gateway', key, read);
  }

  async calendars(): Promise<{ channel: string; definition: string }[]> {
    return this.db.selectFrom('calendars').selectAll().execute();
  }
}
