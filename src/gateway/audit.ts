import { createHash } from 'node:crypto';

/**
 * One line of the audit log: who (partner, application, credential) did what
 * (channel, API, operation, usage points) under which consent or contract,
 * with which outcome and how long it took.
 */
export interface AuditEntry {
  at: number;
  partnerId: string | null;
  applicationId: string | null;
  credentialId: string | null;
  channel: string;
  apiId: string | null;
  operation: string;
  usagePoints: string[];
  /** The consent or contract that allowed a read of personal data. */
  basis: string | null;
  /** `ok`, or the refusal or error code. */
  outcome: string;
  status: number;
  durationUs: number;
  /** Cost counted against limits (a bulk file of N requests costs N). */
  cost: number;
}

/** The first link of a segment's chain. */
export function genesisHash(segmentId: string): Buffer {
  return createHash('sha256').update(`gridgate-audit-segment:${segmentId}`).digest();
}

/**
 * The hash of a record chains it to the previous one: changing, removing or
 * reordering any record breaks every later hash of its segment.
 */
export function recordHash(previous: Buffer, segmentId: string, seq: number, entry: Omit<AuditEntry, 'cost'>): Buffer {
  const canonical = JSON.stringify([
    segmentId, seq, entry.at, entry.partnerId, entry.applicationId, entry.credentialId, entry.channel, entry.apiId,
    entry.operation, entry.usagePoints.join(','), entry.basis, entry.outcome, entry.status, entry.durationUs,
  ]);
  return createHash('sha256').update(previous).update(canonical).digest();
}
