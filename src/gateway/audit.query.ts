import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';

/** One read of the audit log, as a customer's access log shows it. */
export interface AccessRecord {
  at: number;
  applicationId: string | null;
  applicationName: string | null;
  apiId: string | null;
  operation: string;
  usagePoints: string[];
  basis: string;
  outcome: string;
}

/** Reads of the audit log for people (the verifier reads it for integrity, audit.verify.ts). */
export class AuditQueries {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  /** The latest calls made under any of these bases (`consent:<id>`...), newest first. */
  async callsUnder(bases: string[], limit: number): Promise<AccessRecord[]> {
    if (bases.length === 0) return [];
    const rows = await this.db
      .selectFrom('auditRecords as r')
      .leftJoin('applications as a', 'a.id', 'r.applicationId')
      .select(['r.at', 'r.applicationId', 'a.name as applicationName', 'r.apiId', 'r.operation', 'r.usagePoints', 'r.basis', 'r.outcome'])
      .where('r.basis', 'in', bases.slice(0, 500))
      .orderBy('r.at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, at: Number(r.at), basis: r.basis ?? '', usagePoints: r.usagePoints ? r.usagePoints.split(',') : [] }));
  }
}
