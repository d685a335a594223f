import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type OnConflictBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import type { AuditCheckpointRow, AuditRecordRow, UsageDailyRow } from './gateway.tables.ts';
import { genesisHash, recordHash, type AuditEntry } from './audit.ts';
import { isRefusalOutcome } from './refusal.ts';

export interface AuditWriterOptions {
  /** A checkpoint every this many records (and at close). */
  checkpointEvery?: number;
  /** And at least this often while records come (ms): what a truncation of the tail can remove unseen. */
  checkpointIntervalMs?: number;
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
  private readonly sqlite: SqliteAuditCommit | undefined;
  private readonly zone: TimeZone;
  private readonly checkpointEvery: number;
  private readonly maxBatch: number;
  private pending: { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;
  private seq = 0;
  private lastHash: Buffer;
  private lastCheckpoint = 0;
  private started: Promise<void> | undefined;
  private readonly checkpointTimer: NodeJS.Timeout;

  constructor(database: Database, zone: TimeZone, options: AuditWriterOptions = {}) {
    this.db = database.db;
    this.sqlite = database.sqlite ? new SqliteAuditCommit(database.sqlite, database.db) : undefined;
    this.zone = zone;
    this.checkpointEvery = options.checkpointEvery ?? 1000;
    this.maxBatch = options.maxBatch ?? 500;
    this.segmentId = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    this.lastHash = genesisHash(this.segmentId);
    // Between checkpoints, records removed from the end of the segment leave no trace: keep that stretch short in time too.
    this.checkpointTimer = setInterval(() => void this.checkpointIfDue(), options.checkpointIntervalMs ?? 60_000).unref();
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
    clearInterval(this.checkpointTimer);
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.pending.length) await this.flushLoop();
    if (this.seq > this.lastCheckpoint) await this.checkpoint(this.db);
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
    const rows = entries.map((entry): AuditRecordRow => {
      seq += 1;
      hash = recordHash(hash, this.segmentId, seq, entry);
      return {
        segmentId: this.segmentId, seq, at: entry.at, partnerId: entry.partnerId, applicationId: entry.applicationId, credentialId: entry.credentialId,
        channel: entry.channel, apiId: entry.apiId, operation: entry.operation, usagePoints: entry.usagePoints.length ? entry.usagePoints.join(',') : null,
        basis: entry.basis, outcome: entry.outcome, status: entry.status, durationUs: entry.durationUs, hash,
      };
    });
    const usage = usageTotals(entries, this.zone);
    const checkpoint: AuditCheckpointRow | null = seq - this.lastCheckpoint >= this.checkpointEvery ? { segmentId: this.segmentId, seq, hash, at: Date.now() } : null;
    if (this.sqlite) this.sqlite.write(rows, usage, checkpoint);
    else {
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 50) await trx.insertInto('auditRecords').values(rows.slice(i, i + 50)).execute();
        for (const row of usage) await trx.insertInto('usageDaily').values(row).onConflict(addToUsage).execute();
        if (checkpoint) await trx.insertInto('auditCheckpoints').values(checkpoint).execute();
      });
    }
    if (checkpoint) this.lastCheckpoint = seq;
    // The chain moves on only once the records are on disk.
    this.seq = seq;
    this.lastHash = hash;
  }

  private async checkpointIfDue(): Promise<void> {
    if (this.flushing || this.seq === this.lastCheckpoint) return;
    this.flushing = true;
    try {
      await this.checkpoint(this.db);
    } catch {
      // The next tick, the next 1,000 records or the close will write it.
    } finally {
      this.flushing = false;
      // Records that arrived meanwhile wait for a flush that only the first of them starts.
      if (this.pending.length) void this.flushLoop();
    }
  }

  private async checkpoint(trx: Kysely<Schema>): Promise<void> {
    await trx.insertInto('auditCheckpoints').values({ segmentId: this.segmentId, seq: this.seq, hash: this.lastHash, at: Date.now() }).execute();
    this.lastCheckpoint = this.seq;
  }
}


/** Daily usage per application and API, kept in the same commit as the records it counts. */
function usageTotals(entries: AuditEntry[], zone: TimeZone): UsageDailyRow[] {
  const totals = new Map<string, UsageDailyRow>();
  for (const e of entries) {
    if (!e.applicationId || !e.apiId) continue;
    const day = zone.dayOf(e.at);
    const key = `${day}|${e.applicationId}|${e.apiId}`;
    let t = totals.get(key);
    if (!t) {
      t = { day, applicationId: e.applicationId, apiId: e.apiId, calls: 0, errors: 0, refusals: 0, cost: 0, durationUsTotal: 0, durationUsMax: 0 };
      totals.set(key, t);
    }
    t.calls += 1;
    if (e.status >= 500 && !isRefusalOutcome(e.outcome)) t.errors += 1;
    else if (e.status >= 400) t.refusals += 1;
    t.cost += e.cost;
    t.durationUsTotal += e.durationUs;
    t.durationUsMax = Math.max(t.durationUsMax, e.durationUs);
  }
  return [...totals.values()];
}

const addToUsage = (oc: OnConflictBuilder<Schema, 'usageDaily'>) =>
  oc.columns(['day', 'applicationId', 'apiId']).doUpdateSet({
    calls: sql`usage_daily.calls + excluded.calls`,
    errors: sql`usage_daily.errors + excluded.errors`,
    refusals: sql`usage_daily.refusals + excluded.refusals`,
    cost: sql`usage_daily.cost + excluded.cost`,
    durationUsTotal: sql`usage_daily.duration_us_total + excluded.duration_us_total`,
    durationUsMax: sql`case when excluded.duration_us_max > usage_daily.duration_us_max then excluded.duration_us_max else usage_daily.duration_us_max end`,
  });

/**
 * The same commit on SQLite as prepared statements in one synchronous
 * transaction: building the multi-row inserts with Kysely cost more per
 * record than writing them (docs/performance.md). The SQL text is still
 * Kysely's, compiled once from a sample row; rows are passed in its key order.
 */
class SqliteAuditCommit {
  readonly write: (rows: AuditRecordRow[], usage: UsageDailyRow[], checkpoint: AuditCheckpointRow | null) => void;

  constructor(sqlite: BetterSqlite3.Database, db: Kysely<Schema>) {
    const sampleRecord: AuditRecordRow = {
      segmentId: '', seq: 0, at: 0, partnerId: null, applicationId: null, credentialId: null, channel: '', apiId: null, operation: '',
      usagePoints: null, basis: null, outcome: '', status: 0, durationUs: 0, hash: Buffer.alloc(0),
    };
    const sampleUsage: UsageDailyRow = { day: 0, applicationId: '', apiId: '', calls: 0, errors: 0, refusals: 0, cost: 0, durationUsTotal: 0, durationUsMax: 0 };
    const sampleCheckpoint: AuditCheckpointRow = { segmentId: '', seq: 0, hash: Buffer.alloc(0), at: 0 };
    const insertRecord = sqlite.prepare(db.insertInto('auditRecords').values(sampleRecord).compile().sql);
    const addUsage = sqlite.prepare(db.insertInto('usageDaily').values(sampleUsage).onConflict(addToUsage).compile().sql);
    const insertCheckpoint = sqlite.prepare(db.insertInto('auditCheckpoints').values(sampleCheckpoint).compile().sql);
    const inOrder = <T extends object>(sample: T) => {
      const keys = Object.keys(sample) as (keyof T)[];
      return (row: T) => keys.map((k) => row[k]);
    };
    const recordValues = inOrder(sampleRecord);
    const usageValues = inOrder(sampleUsage);
    const checkpointValues = inOrder(sampleCheckpoint);
    this.write = sqlite.transaction((rows: AuditRecordRow[], usage: UsageDailyRow[], checkpoint: AuditCheckpointRow | null) => {
      for (const row of rows) insertRecord.run(recordValues(row));
      for (const row of usage) addUsage.run(usageValues(row));
      if (checkpoint) insertCheckpoint.run(checkpointValues(checkpoint));
    });
  }
}
