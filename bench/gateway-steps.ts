/**
 * Where a gateway call spends its time, step by step, on SQLite (sequential calls):
 *   node bench/gateway-steps.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { openSqlite } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { AuditWriter } from '../src/gateway/audit.writer.ts';
import { ensureCatalog } from '../src/gateway/catalog.ts';
import { MemoryCounterStore } from '../src/gateway/counters.memory.ts';
import { Gateway } from '../src/gateway/gateway.ts';
import { fmt } from './support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-steps-'));
const database = openSqlite(path.join(dir, 'steps.db'));
await migrateToLatest(database);
await ensureCatalog(database.db);
const admin = new GatewayAdmin(database.db, Date.now);
await admin.createPartner({ id: 'pp', role: 'supplier', name: 'P', legalId: '12345678900012' });
await admin.createApplication({ id: 'aa', partnerId: 'pp', name: 'A', stage: 'production' });
await admin.createPlan({ id: 'plan', name: 'x', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 's', window: 'second', scope: 'application_api', limit: 1e9 }, { name: 'd', window: 'day', scope: 'partner', limit: 1e9 }] });
await admin.subscribe('aa', 'native-v1', 'plan');
const key = (await admin.createCredential({ applicationId: 'aa', kind: 'api_key' })).secret!;
const zone = timeZone('Europe/Paris');
const audit = new AuditWriter(database, zone);
const gateway = new Gateway({ database, zone, clock: systemClock, counters: new MemoryCounterStore(), audit, registry: new Registry(), logger: pino({ level: 'silent' }) });
const identified = await gateway.identify({ kind: 'api_key', key });
if (!identified.ok) throw new Error('identify');
const identity = identified.identity;

async function step(name: string, run: () => Promise<unknown>, n = 3000): Promise<void> {
  for (let i = 0; i < 300; i++) await run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await run();
  console.log(`  ${name.padEnd(40)} ${fmt(Number(process.hrtime.bigint() - started) / 1000 / n, 1)} us`);
}
const record = () => gateway.record({ identity, channel: 'rest', apiId: 'native-v1', operation: 'readings.get', usagePoints: ['00012345678901'], outcome: 'ok', status: 200, durationUs: 100 });
console.log('gateway steps, one call at a time, SQLite');
await step('identify (API key)', () => gateway.identify({ kind: 'api_key', key }));
await step('admit (subscription, calendar, limits)', () => gateway.admit(identity, { apiId: 'native-v1', operation: 'readings.get' }));
await step('record (durable audit, 1 in flight)', record, 1000);
for (const inFlight of [8, 32]) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) await Promise.all(Array.from({ length: inFlight }, record));
  console.log(`  ${`record, ${inFlight} in flight, per call`.padEnd(40)} ${fmt(Number(process.hrtime.bigint() - started) / 1000 / (200 * inFlight), 1)} us`);
}
await audit.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
