import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { genesisHash, recordHash, type AuditEntry } from './audit.ts';

export interface AuditWriterOptions {
  /** A checkpoint every this many records (and at close). */
  checkpointEvery?: number;
  /** Largest number of records in one commit. */
  maxBatch?: number;
}

/**
 * The audit log of one process: its own segment (hash chain), so that
 * processes never wait on each other's chain. Records of concurrent calls
 * are committed together (group commit): while one commit is on its way to
 * disk, the next records queue up and go in the following one. `append`
 * resolves only when the record is durable.
 */
export class AuditWriter {
  readonly segmentId: string;
  private readonly db: Kysely<Schema>;
  private readonly zone: TimeZone;
  private readonly checkpointEvery: number;
  private readonly maxBatch: number;
  private pending: { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;
  private seq = 0;
  private lastHash: Buffer;
  private lastCheckpoint = 0;
  private started: Promise<void> | undefined;

  constructor(db: Kysely<Schema>, zone: TimeZone, options: AuditWriterOptions = {}) {
    this.db = db;
    this.zone = zone;
    this.checkpointEvery = options.checkpointEvery ?? 1000;
    this.maxBatch = options.maxBatch ?? 500;
    this.segmentId = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    this.lastHash = genesisHash(this.segmentId);
  }

  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the calls of this turn of the event loop join the first commit.
        setImmediate(() => void this.flushLoop());
      }
    });
  }

  /** Commits what is queued and writes a final checkpoint. */
  async close(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.pending.length) await this.flushLoop();
    if (this.seq > this.lastCheckpoint) await this.db.transaction().execute((trx) => this.checkpoint(trx));
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    try {
      await (this.started ??= this.startSegment());
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.commit(batch.map((p) => p.entry));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } catch (error) {
      for (const p of this.pending.splice(0)) p.reject(error);
    } finally {
      this.flushing = false;
    }
  }

  private async startSegment(): Promise<void> {
    await this.db.insertInto('auditSegments').values({ id: this.segmentId, writer: `${hostname()}:${process.pid}`, startedAt: Date.now() }).execute();
  }

  private async commit(entries: AuditEntry[]): Promise<void> {
    let seq = this.seq;
    let hash = this.lastHash;
    const rows = entries.map((entry) => {
      seq += 1;
      hash = recordHash(hash, this.segmentId, seq, entry);
      return {
        segmentId: this.segmentId, seq, at: entry.at, partnerId: entry.partnerId, applicationId: entry.applicationId, credentialId: entry.credentialId,
        channel: entry.channel, apiId: entry.apiId, operation: entry.operation, usagePoints: entry.usagePoints.length ? entry.usagePoints.join(',') : null,
        basis: entry.basis, outcome: entry.outcome, status: entry.status, durationUs: entry.durationUs, hash,
      };
    });
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 50) await trx.insertInto('auditRecords').values(rows.slice(i, i + 50)).execute();
      await this.addUsage(trx, entries);
      if (seq - this.lastCheckpoint >= this.checkpointEvery) await this.checkpoint(trx, seq, hash);
    });
    // The chain moves on only once the records are on disk.
    this.seq = seq;
    this.lastHash = hash;
  }

  private async checkpoint(trx: Kysely<Schema>, seq = this.seq, hash = this.lastHash): Promise<void> {
    await trx.insertInto('auditCheckpoints').values({ segmentId: this.segmentId, seq, hash, at: Date.now() }).execute();
    this.lastCheckpoint = seq;
  }

  /** Daily usage per application and API, kept in the same commit as the records it counts. */
  private async addUsage(trx: Kysely<Schema>, entries: AuditEntry[]): Promise<void> {
    const totals = new Map<string, { day: number; applicationId: string; apiId: string; calls: number; errors: number; refusals: number; cost: number; total: number; max: number }>();
    for (const e of entries) {
      if (!e.applicationId || !e.apiId) continue;
      const day = this.zone.dayOf(e.at);
      const key = `${day}|${e.applicationId}|${e.apiId}`;
      const t = totals.get(key) ?? { day, applicationId: e.applicationId, apiId: e.apiId, calls: 0, errors: 0, refusals: 0, cost: 0, total: 0, max: 0 };
      t.calls += 1;
      if (e.status >= 500) t.errors += 1;
      else if (e.status >= 400) t.refusals += 1;
      t.cost += e.cost;
      t.total += e.durationUs;
      t.max = Math.max(t.max, e.durationUs);
      totals.set(key, t);
    }
    for (const t of totals.values()) {
      await trx
        .insertInto('usageDaily')
        .values({ day: t.day, applicationId: t.applicationId, apiId: t.apiId, calls: t.calls, errors: t.errors, refusals: t.refusals, cost: t.cost, durationUsTotal: t.total, durationUsMax: t.max })
        .onConflict((oc) =>
          oc.columns(['day', 'applicationId', 'apiId']).doUpdateSet({
            calls: sql`usage_daily.calls + excluded.calls`,
            errors: sql`usage_daily.errors + excluded.errors`,
            refusals: sql`usage_daily.refusals + excluded.refusals`,
            cost: sql`usage_daily.cost + excluded.cost`,
            durationUsTotal: sql`usage_daily.duration_us_total + excluded.duration_us_total`,
            durationUsMax: sql`case when excluded.duration_us_max > usage_daily.duration_us_max then excluded.duration_us_max else usage_daily.duration_us_max end`,
          }),
        )
        .execute();
    }
  }
}
