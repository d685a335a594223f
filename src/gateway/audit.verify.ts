import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { genesisHash, recordHash } from './audit.ts';

export interface SegmentReport {
  segmentId: string;
  writer: string;
  records: number;
  checkpoints: number;
  /** The first record whose hash does not follow from the records before it, or a missing one. */
  broken: { seq: number; reason: string } | undefined;
}

/**
 * Recomputes every segment's chain from its first record and compares each
 * stored hash; a checkpoint whose record is missing or differs means the
 * segment was truncated or rewritten. Records or checkpoints of a segment
 * that is not registered mean its registration was deleted (to hide it from
 * this check): such a segment is verified too and reported broken.
 */
export async function verifyAudit(db: Kysely<Schema>, onSegment?: (report: SegmentReport) => void): Promise<SegmentReport[]> {
  // One statement (one snapshot): a writer registering meanwhile is never taken for a deleted registration.
  const orphans = await db
    .selectFrom('auditRecords as r')
    .leftJoin('auditSegments as s', 's.id', 'r.segmentId')
    .where('s.id', 'is', null)
    .select('r.segmentId')
    .union(db.selectFrom('auditCheckpoints as c').leftJoin('auditSegments as s', 's.id', 'c.segmentId').where('s.id', 'is', null).select('c.segmentId'))
    .execute();
  const unregistered = [...new Set(orphans.map((r) => r.segmentId))].sort();
  const segments = await db.selectFrom('auditSegments').selectAll().orderBy('startedAt').execute();
  const reports: SegmentReport[] = [];
  for (const segment of segments) {
    const report = await verifySegment(db, segment.id, segment.writer);
    reports.push(report);
    onSegment?.(report);
  }
  for (const segmentId of unregistered) {
    const report = await verifySegment(db, segmentId, UNREGISTERED);
    report.broken ??= { seq: 1, reason: 'the segment has records but no registration: its registration was deleted' };
    reports.push(report);
    onSegment?.(report);
  }
  return reports;
}

/** The writer shown for a segment whose registration is missing. */
export const UNREGISTERED = '(no registration)';

async function verifySegment(db: Kysely<Schema>, segmentId: string, writer: string): Promise<SegmentReport> {
  const checkpoints = await db.selectFrom('auditCheckpoints').selectAll().where('segmentId', '=', segmentId).orderBy('seq').execute();
  const checkpointSeqs = new Set(checkpoints.map((c) => Number(c.seq)));
  const hashes = new Map<number, Buffer>();
  let previous = genesisHash(segmentId);
  let expectedSeq = 1;
  let records = 0;
  let broken: SegmentReport['broken'];
  // Page through the segment in key order, 5,000 records at a time.
  for (let after = 0; !broken; ) {
    const page = await db.selectFrom('auditRecords').selectAll().where('segmentId', '=', segmentId).where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        broken = { seq: expectedSeq, reason: `record ${expectedSeq} is missing (next present: ${seq})` };
        break;
      }
      const entry = {
        at: Number(row.at), partnerId: row.partnerId, applicationId: row.applicationId, credentialId: row.credentialId, channel: row.channel, apiId: row.apiId,
        operation: row.operation, usagePoints: row.usagePoints ? row.usagePoints.split(',') : [], basis: row.basis, outcome: row.outcome, status: Number(row.status), durationUs: Number(row.durationUs),
      };
      const hash = recordHash(previous, segmentId, seq, entry);
      if (!hash.equals(Buffer.from(row.hash))) {
        broken = { seq, reason: `record ${seq} was altered: its content does not give its stored hash` };
        break;
      }
      if (checkpointSeqs.has(seq)) hashes.set(seq, hash);
      previous = hash;
      expectedSeq += 1;
      records += 1;
    }
    after = expectedSeq - 1;
  }
  if (!broken) {
    for (const checkpoint of checkpoints) {
      const seq = Number(checkpoint.seq);
      const hash = hashes.get(seq);
      if (!hash) {
        broken = { seq, reason: `checkpoint at record ${seq} but the segment ends at ${expectedSeq - 1}: records were removed` };
        break;
      }
      if (!hash.equals(Buffer.from(checkpoint.hash))) {
        broken = { seq, reason: `checkpoint at record ${seq} does not match the chain: the segment was rewritten` };
        break;
      }
    }
  }
  return { segmentId, writer, records, checkpoints: checkpoints.length, broken };
}
