import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerAccounts } from '../src/consent/customer-accounts.ts';
import { AuditWriter } from '../src/gateway/audit.writer.ts';
import { timeZone } from '../src/platform/time/zone.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';

let test: TestDatabase;
const gridgate = (...args: string[]) => spawnSync(process.execPath, ['src/cli/main.ts', ...args], { env: { ...process.env, ...test.env, GRIDGATE_LOG_LEVEL: 'silent' }, encoding: 'utf8' });

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => test?.cleanup());

describe('gridgate administration commands', () => {
  it('registers a partner, an application, a plan, a subscription and credentials', () => {
    expect(gridgate('partner', 'create', '--id', 'volt', '--role', 'supplier', '--name', 'Volt', '--legal-id', '12345678900013').stdout).toContain('Partner volt created');
    expect(gridgate('app', 'create', '--partner', 'volt', '--name', 'Billing', '--id', 'volt-billing', '--stage', 'homologation').status).toBe(0);
    expect(gridgate('plan', 'create', 'standard', '--name', 'Standard', '--limit', 'Q3:second:application_api:5').status).toBe(0);
    expect(gridgate('subscription', 'add', 'volt-billing', 'native-v1', 'standard').stdout).toContain('subscribed');
    const key = gridgate('credential', 'create', 'volt-billing', '--kind', 'api_key');
    expect(key.stdout).toMatch(/API key {2}gg_live_[A-Za-z0-9_-]{43}/);
    const list = gridgate('credential', 'list', 'volt-billing', '--json');
    const rows = JSON.parse(list.stdout) as { kind: string; status: string }[];
    expect(rows).toEqual([expect.objectContaining({ kind: 'api_key', status: 'active' })]);
    expect(list.stdout).not.toContain(key.stdout.match(/gg_live_\S+/)![0]);
    const bad = gridgate('subscription', 'add', 'volt-billing', 'no-such-api', 'standard');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no API "no-such-api" in the catalog');
  });

  it('verifies the audit log and names the first tampered record', async () => {
    const writer = new AuditWriter(test.database, timeZone('Europe/Paris'));
    for (let i = 0; i < 6; i++) {
      await writer.append({ at: Date.now(), partnerId: 'volt', applicationId: 'volt-billing', credentialId: null, channel: 'rest', apiId: 'native-v1', operation: 'readings.get', usagePoints: ['00012345678901'], basis: null, outcome: 'ok', status: 200, durationUs: 10, cost: 1 });
    }
    await writer.close();
    const intact = gridgate('audit', 'verify');
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('all chains intact');
    await test.database.db.updateTable('auditRecords').set({ usagePoints: '00012345678902' }).where('seq', '=', 3).execute();
    const broken = gridgate('audit', 'verify');
    expect(broken.status).toBe(3);
    expect(broken.stdout).toContain('record 3 was altered');
  });

  it('opens the customer space to a customer of the grid, and says why it cannot', async () => {
    await test.database.db.insertInto('customers').values({ id: '2700000001', kind: 'person', title: 'Mme', firstName: 'Rose', lastName: 'Petit', companyName: null, siret: null, email: null, phone: null }).execute();
    const created = gridgate('customer', 'account', '2700000001', 'Rose.Petit@example.org');
    expect(created.status).toBe(0);
    const password = /^ {2}(\S{16})$/m.exec(created.stdout)![1]!;
    expect(await new CustomerAccounts(test.database, { now: () => Date.now() }).checkPassword('rose.petit@example.org', password)).toBe('2700000001');
    expect(gridgate('customer', 'account', '2700000001', 'other@example.org').stderr).toContain('already has an account');
    expect(gridgate('customer', 'account', '2700000099', 'nobody@example.org').stderr).toContain('no customer "2700000099"');
    expect(gridgate('customer', 'account', '2700000001', 'not-an-email').status).toBe(1);
  });
});
