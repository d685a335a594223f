import { afterEach, describe, expect, it } from 'vitest';
import { AuditWriter } from '../src/gateway/audit.writer.ts';
import { UNREGISTERED, verifyAudit } from '../src/gateway/audit.verify.ts';
import type { AuditEntry } from '../src/gateway/audit.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { contractEngines, createTestDatabase, type TestDatabase } from './support/engines.ts';

const paris = timeZone('Europe/Paris');

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: Date.parse('2026-11-23T10:00:00Z') + i, partnerId: 'partner-1', applicationId: 'app-1', credentialId: 'cred-1', channel: 'rest', apiId: 'native-v1',
    operation: 'GET /api/v1/usage-points/{id}/series/{series}', usagePoints: ['00012345678901'], basis: null, outcome: 'ok', status: 200, durationUs: 100 + i, cost: 1, ...overrides,
  };
}

describe.each(contractEngines())('audit log on %s', (engine) => {
  let test: TestDatabase;
  afterEach(async () => test?.cleanup());

  it('commits concurrent records together, each durable when its promise resolves, and counts usage per day', async () => {
    test = await createTestDatabase(engine);
    const writer = new AuditWriter(test.database, paris, { checkpointEvery: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.append(entry(i, i % 5 === 0 ? { outcome: 'rate_limited', status: 429 } : {}))));
    const stored = await test.database.db.selectFrom('auditRecords').select(['seq', 'outcome']).orderBy('seq').execute();
    expect(stored.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const usage = await test.database.db.selectFrom('usageDaily').selectAll().execute();
    expect(usage.map((u) => ({ calls: Number(u.calls), refusals: Number(u.refusals), errors: Number(u.errors), max: Number(u.durationUsMax) }))).toEqual([{ calls: 25, refusals: 5, errors: 0, max: 124 }]);
    await writer.close();
    const [report] = await verifyAudit(test.database.db);
    // The 25 calls of one turn of the event loop went into one commit: one checkpoint, at its end.
    expect(report).toMatchObject({ records: 25, checkpoints: 1, broken: undefined });
    const [checkpoint] = await test.database.db.selectFrom('auditCheckpoints').select('seq').execute();
    expect(Number(checkpoint.seq)).toBe(25);
  });

  it('counts a closed window as refused and unreachable shared counters as an error, though both answer 503', async () => {
    test = await createTestDatabase(engine);
    const writer = new AuditWriter(test.database, paris);
    await Promise.all([writer.append(entry(0, { outcome: 'closed', status: 503 })), writer.append(entry(1, { outcome: 'limits_unavailable', status: 503 })), writer.append(entry(2, { outcome: 'internal_error', status: 500 }))]);
    await writer.close();
    const [usage] = await test.database.db.selectFrom('usageDaily').select(['calls', 'refusals', 'errors']).execute();
    expect([Number(usage!.calls), Number(usage!.refusals), Number(usage!.errors)]).toEqual([3, 1, 2]);
  });

  it('keeps one chain per writer, verified separately', async () => {
    test = await createTestDatabase(engine);
    const a = new AuditWriter(test.database, paris);
    const b = new AuditWriter(test.database, paris);
    await Promise.all([...Array.from({ length: 5 }, (_, i) => a.append(entry(i))), ...Array.from({ length: 7 }, (_, i) => b.append(entry(i)))]);
    await Promise.all([a.close(), b.close()]);
    const reports = await verifyAudit(test.database.db);
    expect(reports.map((r) => r.records).sort()).toEqual([5, 7]);
    expect(reports.every((r) => r.broken === undefined)).toBe(true);
  });

  it('names the first altered, removed or truncated record', async () => {
    test = await createTestDatabase(engine);
    const writer = new AuditWriter(test.database, paris, { checkpointEvery: 5 });
    for (let i = 0; i < 12; i++) await writer.append(entry(i));
    await writer.close();
    const db = test.database.db;
    const segment = writer.segmentId;

    await db.updateTable('auditRecords').set({ outcome: 'ok-but-edited' }).where('segmentId', '=', segment).where('seq', '=', 4).execute();
    expect((await verifyAudit(db))[0].broken).toEqual({ seq: 4, reason: 'record 4 was altered: its content does not give its stored hash' });
    await db.updateTable('auditRecords').set({ outcome: 'ok' }).where('segmentId', '=', segment).where('seq', '=', 4).execute();
    expect((await verifyAudit(db))[0].broken).toBeUndefined();

    await db.deleteFrom('auditRecords').where('segmentId', '=', segment).where('seq', '=', 7).execute();
    expect((await verifyAudit(db))[0].broken).toMatchObject({ seq: 7, reason: expect.stringContaining('missing') });

    await db.deleteFrom('auditRecords').where('segmentId', '=', segment).where('seq', '>=', 7).execute();
    expect((await verifyAudit(db))[0].broken).toMatchObject({ seq: 10, reason: expect.stringContaining('records were removed') });
  });

  it('finds a segment whose registration was deleted to hide it', async () => {
    test = await createTestDatabase(engine);
    const writer = new AuditWriter(test.database, paris);
    for (let i = 0; i < 3; i++) await writer.append(entry(i));
    await writer.close();
    await test.database.db.deleteFrom('auditSegments').where('id', '=', writer.segmentId).execute();
    expect(await verifyAudit(test.database.db)).toEqual([
      { segmentId: writer.segmentId, writer: UNREGISTERED, records: 3, checkpoints: 1, broken: { seq: 1, reason: expect.stringContaining('registration was deleted') } },
    ]);
  });

  it('writes a checkpoint on a timer while records come, not only every N records', async () => {
    test = await createTestDatabase(engine);
    const writer = new AuditWriter(test.database, paris, { checkpointEvery: 1000, checkpointIntervalMs: 20 });
    for (let i = 0; i < 3; i++) await writer.append(entry(i));
    const checkpointed = async () => Number((await test.database.db.selectFrom('auditCheckpoints').select((eb) => eb.fn.max('seq').as('seq')).where('segmentId', '=', writer.segmentId).executeTakeFirst())?.seq ?? 0);
    for (let waited = 0; (await checkpointed()) < 3 && waited < 3000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await checkpointed()).toBe(3);
    // Records appended while the timer runs still go out.
    await Promise.all(Array.from({ length: 5 }, (_, i) => writer.append(entry(10 + i))));
    await writer.close();
    expect((await verifyAudit(test.database.db))[0]).toMatchObject({ records: 8, broken: undefined });
  });
});
