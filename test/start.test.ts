import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormClient } from './support/form-client.ts';
import { demoCredentials } from '../src/demo/credentials.ts';
import { createTestDatabase, PG_URL, skipLoudly } from './support/engines.ts';

/** `gridgate start` as a user runs it: a real process, its banner, its HTTP API, its clock pinned by GRIDGATE_NOW. */
interface Started {
  child: ChildProcess;
  output: string;
  url: string;
}

const running: ChildProcess[] = [];
afterAll(() => running.forEach((child) => child.kill('SIGTERM')));

async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
    env: { ...process.env, GRIDGATE_PORT: '0', GRIDGATE_LOG_LEVEL: 'warn', GRIDGATE_DEMO_POINTS: '6', GRIDGATE_DEMO_GAS_POINTS: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Stop with Ctrl+C.')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`gridgate start exited with ${code}:\n${output}`));
    });
  });
  const url = /Native API (http:\/\/\S+)\/api\/v1/.exec(output)![1];
  return { child, output, url };
}

async function stop(started: Started): Promise<void> {
  await new Promise<void>((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(started: Started, pathname: string, key: string): Promise<any> {
  const response = await fetch(`${started.url}${pathname}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  return response.json();
}

async function waitFor<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('gridgate start', () => {
  it('builds the demo network on a first start, prints where things are, and serves data up to the pinned yesterday', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gridgate-start-'));
    try {
      // The clock is pinned the morning after the autumn change: yesterday has 50 half-hours.
      const env = { GRIDGATE_HOME: home, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '2026-10-26T10:00:00+01:00', GRIDGATE_DEMO_DAYS: '20' };
      const first = await start(env);
      const credentials = demoCredentials('gridgate-demo');
      expect(first.output).toContain('First start: building the demo network');
      expect(first.output).toContain(`Operator API key  ${credentials.operatorApiKey}`);
      expect(first.output).toContain(`client_id ${credentials.applications[0].clientId}`);
      expect(first.output).toMatch(/watt-sandbox \(.*sandbox\)/);
      expect(first.output).toContain('22516914714270');
      expect(first.output).toContain(`${first.url}/docs`);
      expect(first.output).toContain(`Audit log  ${path.join(home, 'gridgate-audit.db')}`);
      const key = credentials.operatorApiKey;

      // Production applications and their credentials, as printed: an OAuth client and a supplier's API key.
      const watt = /^ {2}watt-production \(Watt Services \(demo service provider\), production\): dataconnect-v3, dataconnect-v5, dataconnect-2026\n {4}client_id (\S+) {2}client_secret (\S+) {2}redirect_uri http:\/\/localhost:3000\/callback$/m.exec(first.output);
      expect(watt?.slice(1)).toEqual([credentials.applications[1].clientId, credentials.applications[1].secret]);
      const volt = /^ {2}volt-backoffice \(Volt Energie \(demo supplier\), production\): native-v1, .+\n {4}API key (gg_demo_\S+)$/m.exec(first.output);
      expect(volt).not.toBeNull();
      const voltKey = volt![1]!;
      expect(voltKey).not.toBe(key);
      // The printed production credentials work: the native API answers the key (and refuses it one character longer), Data Connect's token endpoint the OAuth client.
      expect((await get(first, '/api/v1/usage-points?limit=3', voltKey)).items).toHaveLength(3);
      expect((await fetch(`${first.url}/api/v1/usage-points?limit=3`, { headers: { authorization: `Bearer ${voltKey}x` } })).status).toBe(401);
      const token = await fetch(`${first.url}/oauth2/v3/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${watt![1]}&client_secret=${encodeURIComponent(watt![2]!)}`,
      });
      expect(token.status).toBe(200);
      expect(((await token.json()) as { access_token: string }).access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      // The banner lists every demo application with its stage: one in sandbox, the others in production.
      expect([...first.output.matchAll(/^ {2}([a-z-]+) \(.+, (sandbox|homologation|production)\): /gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
        'watt-sandbox sandbox', 'watt-production production', 'volt-backoffice production', 'metropole-energy-map production',
      ]);

      // A printed demo customer signs in to the customer space with the printed password.
      const customer = /^ {2}(\S+@\S+)\s+password (\S+)\s+.+: (\d{14})/m.exec(first.output)!;
      expect(customer).not.toBeNull();
      const browserless = new FormClient(first.url);
      expect((await browserless.signIn(customer[1]!, customer[2]!)).status).toBe(303);
      expect((await browserless.get('/account')).status).toBe(200);
      expect(browserless.lastPage).toContain(customer[3]);

      const clock = (await (await fetch(`${first.url}/__test__/clock`)).json()) as { now: string };
      expect(Date.parse(clock.now) - Date.parse('2026-10-26T10:00:00+01:00')).toBeLessThan(60_000);
      const point = await get(first, '/api/v1/usage-points/22516914714270', key);
      const curve = point.series.find((s: { name: string }) => s.name === 'consumption_load_curve');
      expect(curve.last_date).toBe('2026-10-25');
      const autumn = await get(first, '/api/v1/usage-points/22516914714270/series/consumption_load_curve?start=2026-10-25&end=2026-10-26', key);
      expect(autumn.items).toHaveLength(50);

      // The hub keeps running: moving the clock past the spring change appends the days in between.
      await fetch(`${first.url}/__test__/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ set: '2027-03-29T10:00:00+02:00' }) });
      const spring = await waitFor(async () => {
        const body = await get(first, '/api/v1/usage-points/22516914714270/series/consumption_load_curve?start=2027-03-28&end=2027-03-29', key);
        return body.items.length > 0 ? body : undefined;
      }, 'the daily job to append 2027-03-28');
      expect(spring.items).toHaveLength(46);
      await stop(first);

      // A second start finds its demo database and the same credentials, without loading again.
      const second = await start(env);
      expect(second.output).not.toContain('First start');
      expect(second.output).toContain(credentials.operatorApiKey);
      await stop(second);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  if (!PG_URL) skipLoudly('PostgreSQL start', 'set GRIDGATE_TEST_PG_URL to check that a DATABASE_URL database is never filled with demo data');
  it.runIf(PG_URL)('never fills a DATABASE_URL database with demo data unless asked', async () => {
    const pg = await createTestDatabase('postgres', { migrate: false });
    try {
      const started = await start({ ...pg.env, GRIDGATE_HOME: mkdtempSync(path.join(tmpdir(), 'gridgate-start-pg-')) });
      expect(started.output).toContain('holds no usage points');
      expect(started.output).not.toContain('Demo credentials');
      await stop(started);
      const count = await pg.database.db.selectFrom('usagePoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    } finally {
      await pg.cleanup();
    }
  });
});
