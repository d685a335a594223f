import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditWriter } from '../src/gateway/audit.writer.ts';
import { verifyAudit } from '../src/gateway/audit.verify.ts';
import type { AuditEntry } from '../src/gateway/audit.ts';
import { auditFileOf, openSqlite, type Database } from '../src/platform/db/database.ts';
import { migrateTo, migrateToLatest } from '../src/platform/db/migrate.ts';
import { timeZone } from '../src/platform/time/zone.ts';

/** On SQLite the audit log lives in its own file next to the database (migration 0011). */
const paris = timeZone('Europe/Paris');
const entry = (i: number): AuditEntry => ({
  at: Date.parse('2026-11-23T10:00:00Z') + i, partnerId: 'partner-1', applicationId: 'app-1', credentialId: 'cred-1', channel: 'rest', apiId: 'native-v1',
  operation: 'readings.get', usagePoints: ['00012345678901'], basis: null, outcome: 'ok', status: 200, durationUs: 100, cost: 1,
});

const count = (file: string, sql: string): number => {
  const handle = new BetterSqlite3(file, { readonly: true });
  try {
    return (handle.prepare(sql).get() as { n: number }).n;
  } finally {
    handle.close();
  }
};
const tableCount = (file: string, table: string) => count(file, `select count(*) as n from sqlite_master where type = 'table' and name = '${table}'`);

async function writeRecords(database: Database, n: number): Promise<void> {
  const writer = new AuditWriter(database, paris);
  await Promise.all(Array.from({ length: n }, (_, i) => writer.append(entry(i))));
  await writer.close();
}

describe('the audit log file on SQLite', () => {
  let dir: string;
  let file: string;
  const opened: Database[] = [];
  const open = () => {
    const database = openSqlite(file);
    opened.push(database);
    return database;
  };
  const fresh = () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gridgate-audit-file-'));
    file = path.join(dir, 'gridgate.db');
  };
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps records, checkpoints and usage in gridgate-audit.db, none in the main file', async () => {
    fresh();
    const database = open();
    await migrateToLatest(database);
    await writeRecords(database, 5);
    expect(database.auditLocation).toBe(path.join(dir, 'gridgate-audit.db'));
    await database.close();
    const audit = auditFileOf(file);
    expect(count(audit, 'select count(*) as n from audit_records')).toBe(5);
    expect(count(audit, 'select sum(calls) as n from usage_daily')).toBe(5);
    expect(count(audit, 'select count(*) as n from audit_segments')).toBe(1);
    expect(count(audit, 'select page_size as n from pragma_page_size')).toBe(4096);
    for (const table of ['audit_records', 'audit_segments', 'audit_checkpoints', 'usage_daily']) expect(tableCount(file, table)).toBe(0);
  });

  it('moves the records of a database made before 0011 into the audit file, and back down', async () => {
    fresh();
    const database = open();
    await migrateTo(database, '0010_contract_balance_responsible');
    await writeRecords(database, 4);
    expect(tableCount(file, 'audit_records')).toBe(1);

    expect((await migrateToLatest(database)).applied).toEqual(['0011_audit_file']);
    expect(tableCount(file, 'audit_records')).toBe(0);
    expect(count(auditFileOf(file), 'select count(*) as n from audit_records')).toBe(4);
    // The indexes came along: the customer's access log reads records by basis.
    expect(count(auditFileOf(file), "select count(*) as n from sqlite_master where type = 'index' and name = 'audit_records_basis'")).toBe(1);
    const [report] = await verifyAudit(database.db);
    expect(report).toMatchObject({ records: 4, broken: undefined });

    await migrateTo(database, '0010_contract_balance_responsible');
    expect(count(file, 'select count(*) as n from audit_records')).toBe(4);
    expect(tableCount(auditFileOf(file), 'audit_records')).toBe(0);
  });

  it('finishes a move interrupted after its first table', async () => {
    fresh();
    const database = open();
    await migrateTo(database, '0010_contract_balance_responsible');
    await writeRecords(database, 3);
    const sqlite = database.sqlite!;
    const ddl = sqlite.prepare("select sql from main.sqlite_master where name = 'audit_segments'").pluck().get() as string;
    sqlite.exec(ddl.replace(/^create table "audit_segments"/i, 'create table "audit"."audit_segments"'));
    sqlite.exec('insert into audit.audit_segments select * from main.audit_segments; drop table main.audit_segments');

    await migrateToLatest(database);
    const [report] = await verifyAudit(database.db);
    expect(report).toMatchObject({ records: 3, broken: undefined });
    for (const table of ['audit_records', 'audit_segments', 'audit_checkpoints', 'usage_daily']) expect(tableCount(file, table)).toBe(0);
  });

  /** A database with two audit records, closed, then one of its two files removed (with its WAL and shared memory). */
  async function removeAfterTwoRecords(which: () => string): Promise<void> {
    fresh();
    const first = open();
    await migrateToLatest(first);
    await writeRecords(first, 2);
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(which() + suffix, { force: true });
  }

  it('refuses an audit file left by another database, saying what to do', async () => {
    await removeAfterTwoRecords(() => file);
    await expect(migrateToLatest(open())).rejects.toThrow(/0011_audit_file failed .*gridgate-audit\.db already holds an audit log, which belongs to another database: move that file away/);
    expect(count(auditFileOf(file), 'select count(*) as n from audit_records')).toBe(2);
  });

  it('refuses to start afresh when the audit file of a database was lost', async () => {
    await removeAfterTwoRecords(() => auditFileOf(file));
    await expect(migrateToLatest(open())).rejects.toThrow(/gridgate-audit\.db is missing or empty.*Restore the audit file from your backup/);
    expect(existsSync(file)).toBe(true);
    // `gridgate start` says it as every command does: one line, no stack trace.
    const started = spawnSync(process.execPath, ['src/cli/main.ts', 'start'], { env: { ...process.env, GRIDGATE_HOME: dir, GRIDGATE_LOG_LEVEL: 'silent', GRIDGATE_PORT: '0' }, encoding: 'utf8' });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain(`The audit log file ${auditFileOf(file)} is missing or empty`);
    expect(started.stderr).not.toMatch(/\bat \S+\.ts:\d+/);
  });

  it('lets two processes upgrade the same database at once, and keeps every record', async () => {
    fresh();
    const database = open();
    await migrateTo(database, '0010_contract_balance_responsible');
    await writeRecords(database, 3);
    // Enough records that the two moves overlap.
    database.sqlite!.exec(`insert into audit_segments values ('bulk', 'w', 0);
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000)
      insert into audit_records select 'bulk', i, i, null, null, null, 'rest', null, 'op', null, null, 'ok', 200, 1, randomblob(32) from n`);
    await database.close();
    const migrate = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['src/cli/main.ts', 'migrate'], { env: { ...process.env, GRIDGATE_HOME: dir, GRIDGATE_LOG_LEVEL: 'silent' } });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (status) => resolve({ status, stderr }));
      });
    const results = await Promise.all([migrate(), migrate()]);
    expect(results).toEqual([{ status: 0, stderr: '' }, { status: 0, stderr: '' }]);
    expect(count(auditFileOf(file), 'select count(*) as n from audit_records')).toBe(100_003);
    expect(tableCount(file, 'audit_records')).toBe(0);
  });
});
