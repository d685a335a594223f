import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../src/hub.ts';
import { loadConfig } from '../src/platform/config.ts';
import { listen } from '../src/platform/http/listen.ts';
import { sha256 } from '../src/platform/secrets.ts';
import { GatewayAdmin } from '../src/gateway/admin.service.ts';
import { checkOperatorPassword } from '../src/gateway/operator-accounts.ts';
import { OMEGA_WEB_SERVICES } from '../src/gateway/calendar.ts';
import { createTestDatabase, type TestDatabase } from './support/engines.ts';

/**
 * The administration commands as an operator runs them, against the database
 * of a running hub: each change must show on the hub's next call (or in what
 * the database keeps), not only in the command's exit code.
 */
const NOW = '2026-11-24T10:00:00+01:00'; // a Tuesday morning
let test: TestDatabase;
let hub: Hub;
let admin: GatewayAdmin;
let base: string;
let files: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `gridgate ...` in a child process; asynchronous so that the hub of this process keeps answering (and committing) meanwhile. */
function gridgate(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      env: { ...process.env, ...test.env, GRIDGATE_LOG_LEVEL: 'silent', GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Commands that must each fail with a message for people, not a stack trace, and change nothing: run side by side. */
async function expectRefused(...cases: [string[], string][]): Promise<void> {
  const runs = await Promise.all(cases.map(([args]) => gridgate(...args)));
  runs.forEach((run, i) => {
    expect(run.stderr, cases[i][0].join(' ')).toContain(cases[i][1]);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const call = async (key: string) => {
  const response = await fetch(`${base}/api/v1/usage-points`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as Json };
};

async function newPartner(id: string): Promise<void> {
  await admin.createPartner({ id, role: 'supplier', name: `${id} energy`, legalId: '12345678900013', contacts: [{ email: `api@${id}.example`, name: 'API team', purpose: 'technical' }] });
}

/** An application subscribed to the native API, with an API key. */
async function newApp(partnerId: string, appId: string, stage = 'production', plan = 'cli-open'): Promise<string> {
  await admin.createApplication({ id: appId, partnerId, name: appId, stage });
  await admin.subscribe(appId, 'native-v1', plan);
  return (await admin.createCredential({ applicationId: appId, kind: 'api_key' })).secret!;
}

const credentialRow = (id: string) => test.database.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const credentialCount = async (applicationId: string) => (await admin.listCredentials(applicationId)).length;

beforeAll(async () => {
  test = await createTestDatabase();
  hub = await createHub(loadConfig({ ...test.env, GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: NOW, GRIDGATE_LOG_LEVEL: 'silent' }), { database: test.database });
  admin = new GatewayAdmin(test.database.db, () => hub.clock.now());
  await admin.createPlan({ id: 'cli-open', name: 'Open', monthlyFeeCents: 0, pricePerThousandCallsCents: 0, includedCalls: 0, limits: [{ name: 'per-second', window: 'second', scope: 'application_api', limit: 100 }] });
  base = await listen(hub.server);
  files = mkdtempSync(path.join(tmpdir(), 'gridgate-cli-files-'));
});

afterAll(async () => {
  await hub?.close();
  await test?.cleanup();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('gridgate partner and app commands on a running hub', () => {
  it('partner suspend refuses every application of the partner from the next call; show prints the status; resume restores', async () => {
    await newPartner('ampere');
    const portal = await newApp('ampere', 'ampere-portal');
    const batch = await newApp('ampere', 'ampere-batch');
    expect((await call(portal)).status).toBe(200);
    expect((await call(batch)).status).toBe(200);

    const suspended = await gridgate('partner', 'suspend', 'ampere');
    expect(suspended.status).toBe(0);
    expect(suspended.stdout).toContain('Partner ampere suspended');
    for (const key of [portal, batch]) expect(await call(key)).toMatchObject({ status: 403, body: { error: { code: 'suspended', message: expect.stringContaining('partner is suspended') } } });
    const shown = await gridgate('partner', 'show', 'ampere');
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: 'ampere', role: 'supplier', legalId: '12345678900013', status: 'suspended', contacts: [{ email: 'api@ampere.example', name: 'API team', purpose: 'technical' }] });
    expect((await admin.partner('ampere')).status).toBe('suspended');
    const listed = JSON.parse((await gridgate('app', 'list', '--partner', 'ampere', '--json')).stdout) as { id: string; status: string }[];
    expect(listed.map((a) => [a.id, a.status])).toEqual([['ampere-batch', 'active (partner suspended)'], ['ampere-portal', 'active (partner suspended)']]);

    expect((await gridgate('partner', 'resume', 'ampere')).stdout).toContain('Partner ampere active again');
    expect((await call(portal)).status).toBe(200);
    expect((await call(batch)).status).toBe(200);
    expect((await admin.partner('ampere')).status).toBe('active');

    await expectRefused([['partner', 'suspend', 'nobody'], 'no partner "nobody"']);
  });

  it('app stage moves an application between stages as the gateway reads them; app suspend and resume act on that application only', async () => {
    await newPartner('lumen');
    const lab = await newApp('lumen', 'lumen-lab', 'sandbox');
    const other = await newApp('lumen', 'lumen-other');
    const stageOf = async (key: string) => {
      const identified = await hub.gateway.identify({ kind: 'api_key', key });
      return identified.ok ? identified.identity.stage : identified.refusal.kind;
    };
    expect(await stageOf(lab)).toBe('sandbox');

    expect((await gridgate('app', 'stage', 'lumen-lab', 'homologation')).stdout).toContain('Application lumen-lab is now in homologation');
    expect(await stageOf(lab)).toBe('homologation');
    await expectRefused(
      [['app', 'stage', 'lumen-lab', 'live'], 'stage "live" is not one of sandbox, homologation, production'],
      [['app', 'stage', 'nobody', 'production'], 'no application "nobody"'],
    );
    expect((await admin.application('lumen-lab')).stage).toBe('homologation');

    expect((await gridgate('app', 'suspend', 'lumen-lab')).stdout).toContain('Application lumen-lab suspended');
    expect(await call(lab)).toMatchObject({ status: 403, body: { error: { code: 'suspended', message: expect.stringContaining('application is suspended') } } });
    expect((await call(other)).status).toBe(200);
    const listed = JSON.parse((await gridgate('app', 'list', '--partner', 'lumen', '--json')).stdout) as { id: string; stage: string; status: string }[];
    expect(listed).toEqual([
      { id: 'lumen-lab', partner: 'lumen', name: 'lumen-lab', stage: 'homologation', status: 'suspended' },
      { id: 'lumen-other', partner: 'lumen', name: 'lumen-other', stage: 'production', status: 'active' },
    ]);
    expect((await gridgate('app', 'resume', 'lumen-lab')).stdout).toContain('Application lumen-lab active');
    expect((await call(lab)).status).toBe(200);
  });
});

describe('gridgate credential commands', () => {
  it('credential revoke refuses the key from the next call and keeps the others', async () => {
    await newPartner('ohm');
    const first = await newApp('ohm', 'ohm-app');
    const second = (await admin.createCredential({ applicationId: 'ohm-app', kind: 'api_key' })).secret!;
    expect((await call(first)).status).toBe(200);
    const credential = await test.database.db.selectFrom('credentials').select('id').where('secretHash', '=', sha256(first)).executeTakeFirstOrThrow();

    const revoked = await gridgate('credential', 'revoke', credential.id);
    expect(revoked.stdout).toContain(`Credential ${credential.id} revoked`);
    expect(await call(first)).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials', message: expect.stringContaining('revoked') } } });
    expect((await call(second)).status).toBe(200);
    const rows = JSON.parse((await gridgate('credential', 'list', 'ohm-app', '--json')).stdout) as { id: string; status: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === credential.id)?.status).toBe('revoked');
    expect(rows.find((r) => r.id !== credential.id)?.status).toBe('active');
    const revokedAt = (await credentialRow(credential.id)).revokedAt;
    expect(revokedAt).not.toBeNull();
    // Revoking again changes nothing: the first revocation's time stays.
    expect((await gridgate('credential', 'revoke', credential.id)).status).toBe(0);
    expect((await credentialRow(credential.id)).revokedAt).toEqual(revokedAt);
    await expectRefused(
      [['credential', 'revoke', 'cred_nothing'], 'no credential "cred_nothing"'],
      [['credential', 'list', 'no-such-app'], 'no application "no-such-app"'],
      [['app', 'list', '--partner', 'no-such-partner'], 'no partner "no-such-partner"'],
      [['credential', 'create', 'ohm-app', '--kind', 'api_key', '--expires', '2020-01-01T00:00:00Z'], 'the expiry date is already past'],
    );
  });

  it('credential create --kind oauth_client prints the client id and a secret shown once, and keeps only its SHA-256', async () => {
    await newPartner('joule');
    await admin.createApplication({ id: 'joule-web', partnerId: 'joule', name: 'Joule web', stage: 'production' });
    const created = await gridgate('credential', 'create', 'joule-web', '--kind', 'oauth_client', '--redirect-uri', 'https://joule.example/callback');
    expect(created.status).toBe(0);
    const id = /^Credential (cred_\w+) \(oauth_client\) created for joule-web\.$/m.exec(created.stdout)![1];
    const clientId = /^ {2}client_id {6}([0-9a-f]{32})$/m.exec(created.stdout)![1];
    const secret = /^ {2}client_secret {2}([A-Za-z0-9_-]{43})$/m.exec(created.stdout)![1];
    expect(created.stdout).toMatch(/^ {2}redirect_uri {3}https:\/\/joule\.example\/callback$/m);
    expect(created.stdout).toContain('The secret is shown only now');

    const row = await credentialRow(id);
    expect(row).toMatchObject({ kind: 'oauth_client', lookup: clientId, redirectUri: 'https://joule.example/callback', status: 'active' });
    expect(Buffer.from(row.secretHash!).equals(sha256(secret))).toBe(true);
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await gridgate('credential', 'list', 'joule-web', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, kind: 'oauth_client', identifier: clientId, status: 'active' })]);
    expect(listed.stdout).not.toContain(secret);

    expect(await hub.gateway.identify({ kind: 'client_secret', clientId, secret })).toMatchObject({ ok: true, identity: { applicationId: 'joule-web', credentialId: id, redirectUri: 'https://joule.example/callback' } });
    expect(await hub.gateway.identify({ kind: 'client_secret', clientId, secret: `${secret}x` })).toMatchObject({ ok: false, refusal: { reason: 'unknown' } });

    await expectRefused(
      [['credential', 'create', 'joule-web', '--kind', 'oauth_client'], 'an OAuth client needs its one redirect URI'],
      [['credential', 'create', 'joule-web', '--kind', 'oauth_client', '--redirect-uri', 'http://joule.example/callback'], 'https'],
      [['credential', 'create', 'joule-web', '--kind', 'password'], 'kind "password" is not one of api_key, oauth_client, certificate, ssh_key'],
    );
    expect(await credentialCount('joule-web')).toBe(1);
  });

  it('credential create --kind certificate registers the normalised subject and issuer DNs, with no secret', async () => {
    await newPartner('tesla');
    await admin.createApplication({ id: 'tesla-b2b', partnerId: 'tesla', name: 'B2B', stage: 'production' });
    const created = await gridgate('credential', 'create', 'tesla-b2b', '--kind', 'certificate', '--subject-dn', 'CN=b2b.tesla.example, O=Tesla, C=FR', '--issuer-dn', 'cn=Tesla CA, O=Tesla, C=FR');
    expect(created.status).toBe(0);
    const id = /^Credential (cred_\w+) \(certificate\)/m.exec(created.stdout)![1];
    expect(created.stdout).toMatch(/^ {2}subject {2}CN=b2b\.tesla\.example,O=Tesla,C=FR$/m);
    expect(created.stdout).toMatch(/^ {2}issuer {3}CN=Tesla CA,O=Tesla,C=FR$/m);
    expect(created.stdout).not.toContain('secret');
    expect(await credentialRow(id)).toMatchObject({ kind: 'certificate', lookup: 'CN=b2b.tesla.example,O=Tesla,C=FR', issuerDn: 'CN=Tesla CA,O=Tesla,C=FR', secretHash: null, status: 'active' });
    expect(await hub.gateway.identify({ kind: 'certificate', subjectDn: 'CN=b2b.tesla.example,O=Tesla,C=FR', issuerDn: 'CN=Tesla CA,O=Tesla,C=FR' })).toMatchObject({ ok: true, identity: { applicationId: 'tesla-b2b', credentialId: id } });

    await expectRefused(
      [['credential', 'create', 'tesla-b2b', '--kind', 'certificate', '--subject-dn', 'CN=other.tesla.example,C=FR'], 'a certificate is registered by its subject DN and its issuer DN'],
      [['credential', 'create', 'nobody', '--kind', 'certificate', '--subject-dn', 'CN=x', '--issuer-dn', 'CN=y'], 'no application "nobody"'],
      [['credential', 'create', 'tesla-b2b', '--kind', 'certificate', '--subject-dn', 'garbage', '--issuer-dn', 'CN=Tesla CA'], 'subject DN "garbage" is not a distinguished name'],
      [['credential', 'create', 'tesla-b2b', '--kind', 'certificate', '--subject-dn', 'CN=x,O=', '--issuer-dn', 'CN=Tesla CA'], 'is not a distinguished name'],
      [['credential', 'create', 'tesla-b2b', '--kind', 'certificate', '--subject-dn', 'CN=x', '--issuer-dn', 'also garbage'], 'issuer DN "also garbage" is not a distinguished name'],
    );
    expect(await credentialCount('tesla-b2b')).toBe(1);
  });

  it('credential create --kind ssh_key registers the OpenSSH fingerprint and the public key; an unreadable or malformed key file is refused', async () => {
    await newPartner('volta');
    await admin.createApplication({ id: 'volta-files', partnerId: 'volta', name: 'Files', stage: 'production' });
    // An OpenSSH ed25519 public key line, built from a fresh key: string "ssh-ed25519", string <32 bytes>.
    const raw = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
    const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
    const line = `ssh-ed25519 ${blob.toString('base64')} sftp@volta.example`;
    const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
    writeFileSync(path.join(files, 'id_ed25519.pub'), `${line}\n`);

    const created = await gridgate('credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'id_ed25519.pub'));
    expect(created.status).toBe(0);
    const id = /^Credential (cred_\w+) \(ssh_key\)/m.exec(created.stdout)![1];
    expect(created.stdout).toContain(`  fingerprint  ${fingerprint}`);
    expect(created.stdout).not.toContain('secret');
    expect(await credentialRow(id)).toMatchObject({ kind: 'ssh_key', lookup: fingerprint, publicKey: line, secretHash: null, status: 'active' });
    expect(await hub.gateway.identify({ kind: 'ssh_key', fingerprint })).toMatchObject({ ok: true, identity: { applicationId: 'volta-files', credentialId: id } });
    writeFileSync(path.join(files, 'one-word.pub'), 'AAAAC3NzaC1lZDI1NTE5AAAAIJ\n');
    writeFileSync(path.join(files, 'prose.pub'), 'this is not a key\n');
    writeFileSync(path.join(files, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(path.join(files, 'mislabelled.pub'), `ssh-rsa ${blob.toString('base64')}\n`);
    await expectRefused(
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'id_ed25519.pub')], `an active ssh_key "${fingerprint}" is already registered`],
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'one-word.pub')], 'expected an OpenSSH public key line'],
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'prose.pub')], 'unknown key type "this"'],
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'id_ed25519')], 'never the private key'],
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'mislabelled.pub')], 'the key does not hold a ssh-rsa key'],
      [['credential', 'create', 'volta-files', '--kind', 'ssh_key', '--public-key-file', path.join(files, 'missing.pub')], `cannot read ${path.join(files, 'missing.pub')}`],
    );
    expect(await credentialCount('volta-files')).toBe(1);
  });
});

describe('gridgate api, calendar, usage, statement and admin commands', () => {
  it('api deprecate, retire and publish change what the next call to the API gets', async () => {
    await newPartner('watt-api');
    const key = await newApp('watt-api', 'watt-api-app');
    await admin.createApplication({ id: 'watt-api-late', partnerId: 'watt-api', name: 'late', stage: 'production' });
    const native = async () => (JSON.parse((await gridgate('api', 'list', '--json')).stdout) as { id: string; state: string; sunset: string }[]).find((a) => a.id === 'native-v1');
    try {
      expect((await gridgate('api', 'deprecate', 'native-v1', '--sunset', '2026-12-31')).stdout).toContain('native-v1 is deprecated; calls are refused from 2026-12-31');
      expect(await native()).toMatchObject({ state: 'deprecated', sunset: '2026-12-31' });
      expect((await call(key)).status).toBe(200);
      // From its sunset day (today on the hub's clock) a deprecated API answers as retired.
      await gridgate('api', 'deprecate', 'native-v1', '--sunset', '2026-11-24');
      expect(await call(key)).toMatchObject({ status: 410, body: { error: { code: 'api_retired', message: expect.stringContaining('2026-11-24') } } });

      expect((await gridgate('api', 'retire', 'native-v1')).stdout).toContain('native-v1 is retired');
      expect(await call(key)).toMatchObject({ status: 410, body: { error: { code: 'api_retired' } } });
      await expectRefused([['subscription', 'add', 'watt-api-late', 'native-v1', 'cli-open'], 'the API "native-v1" is retired']);

      expect((await gridgate('api', 'publish', 'native-v1')).stdout).toContain('native-v1 is published');
      expect((await call(key)).status).toBe(200);

      await expectRefused(
        [['api', 'deprecate', 'native-v1'], "required option '--sunset <date>' not specified"],
        [['api', 'deprecate', 'native-v1', '--sunset', '24/11/2026'], 'a deprecated API needs its sunset date, YYYY-MM-DD'],
      );
      expect(await native()).toMatchObject({ state: 'published', sunset: '' });
    } finally {
      await admin.setApiState('native-v1', 'published');
    }
  });

  it('calendar set closes an API from the next call, calendar remove reopens it, and a bad calendar is refused', async () => {
    await newPartner('calendar-co');
    const key = await newApp('calendar-co', 'calendar-app');
    const stored = async () => (await test.database.db.selectFrom('calendars').select('definition').where('channel', '=', 'native-v1').executeTakeFirst())?.definition;
    const closure = path.join(files, 'closure.json');
    writeFileSync(closure, JSON.stringify({ closedDates: [{ from: '2026-11-24T08:00', to: '2026-11-24T20:00', reason: 'CLI test closure' }] }));
    try {
      expect((await gridgate('calendar', 'set', 'native-v1', '--file', closure)).stdout).toContain('Calendar of native-v1 set');
      expect(await call(key)).toMatchObject({ status: 503, body: { error: { code: 'closed', message: expect.stringContaining('CLI test closure') } } });

      expect((await gridgate('calendar', 'remove', 'native-v1')).stdout).toContain('native-v1 has no calendar any more');
      expect(await stored()).toBeUndefined();
      expect((await gridgate('calendar', 'remove', 'native-v1')).stdout).toContain('native-v1 had no calendar: nothing changed');
      await expectRefused([['calendar', 'set', 'no-such-channel', '--profile', 'always-open'], '"no-such-channel" is neither a channel']);
      expect((await call(key)).status).toBe(200);

      // The OMEGA web-services profile is open for reads and writes on a Tuesday at 10:00.
      expect((await gridgate('calendar', 'set', 'native-v1', '--profile', 'omega-web-services')).status).toBe(0);
      expect(JSON.parse(String(await stored()))).toEqual(OMEGA_WEB_SERVICES);
      expect((await call(key)).status).toBe(200);
      await admin.removeCalendar('native-v1');

      const invalid = path.join(files, 'invalid.json');
      writeFileSync(invalid, JSON.stringify({ closedWeekly: [{ days: ['funday'], from: '20:00', to: '22:00', reason: 'x' }] }));
      const garbled = path.join(files, 'garbled.json');
      writeFileSync(garbled, '{ not json');
      await expectRefused(
        [['calendar', 'set', 'native-v1', '--profile', 'omega-night'], 'no profile "omega-night"; the profiles are omega-web-services, omega-portal, omega-files, always-open'],
        [['calendar', 'set', 'native-v1', '--file', invalid], 'days must be among mon, tue, wed, thu, fri, sat, sun'],
        [['calendar', 'set', 'native-v1', '--file', garbled], `cannot read ${garbled}`],
      );
      expect(await stored()).toBeUndefined();
      expect((await call(key)).status).toBe(200);
    } finally {
      await admin.removeCalendar('native-v1');
    }
  });

  it("usage counts a partner's calls and refusals, and statement bills the served ones at the plan's prices", async () => {
    await newPartner('kwh');
    await admin.createApplication({ id: 'kwh-meter', partnerId: 'kwh', name: 'Meter', stage: 'production' });
    expect((await gridgate('plan', 'create', 'metered', '--name', 'Metered', '--monthly-fee-cents', '1000', '--price-per-thousand-cents', '50', '--included-calls', '1', '--limit', 'hourly:hour:partner:100')).status).toBe(0);
    expect((await gridgate('subscription', 'add', 'kwh-meter', 'native-v1', 'metered')).status).toBe(0);
    const key = (await admin.createCredential({ applicationId: 'kwh-meter', kind: 'api_key' })).secret!;
    const revoked = await admin.createCredential({ applicationId: 'kwh-meter', kind: 'api_key' });
    await admin.revokeCredential(revoked.credential.id);
    expect((await call(key)).status).toBe(200);
    expect((await call(key)).status).toBe(200);
    expect((await call(revoked.secret!)).status).toBe(401);

    const usage = await gridgate('usage', '--from', '2026-11-24', '--to', '2026-11-25', '--app', 'kwh-meter', '--json');
    expect(JSON.parse(usage.stdout)).toEqual([expect.objectContaining({ date: '2026-11-24', application: 'kwh-meter', api: 'native-v1', calls: 3, refusals: 1, errors: 0 })]);
    const [byPartner, statement, text] = await Promise.all([
      gridgate('usage', '--from', '2026-11-24', '--to', '2026-11-25', '--partner', 'kwh', '--json'),
      gridgate('statement', 'kwh', '2026-11', '--json'),
      gridgate('statement', 'kwh', '2026-11'),
    ]);
    expect(JSON.parse(byPartner.stdout)).toEqual(JSON.parse(usage.stdout));
    expect(JSON.parse(statement.stdout)).toMatchObject({ partnerId: 'kwh', month: '2026-11', totalCents: 1001, lines: [{ applicationId: 'kwh-meter', apiId: 'native-v1', planId: 'metered', calls: 2, billableCalls: 1, monthlyFeeCents: 1000, usageCents: 1, totalCents: 1001 }] });
    expect(text.stdout).toContain('Statement of kwh for 2026-11');
    expect(text.stdout).toContain('Total: 10.01 EUR');
    await expectRefused(
      [['usage', '--from', '2026-11-25', '--to', '2026-11-24'], 'from before to'],
      [['statement', 'nobody', '2026-11'], 'no partner "nobody"'],
      [['statement', 'kwh', '2026-13'], 'month "2026-13" is not YYYY-MM'],
    );
  });

  it('admin create makes an operator account whose one-time password signs in to the admin API, once per name', async () => {
    const created = await gridgate('admin', 'create', 'ops.night');
    expect(created.stdout).toContain('Operator account "ops.night" created');
    const password = /^ {2}(\S{20})$/m.exec(created.stdout)![1];
    expect(await checkOperatorPassword(test.database.db, 'ops.night', password)).toEqual({ mustChangePassword: true });
    const session = await fetch(`${base}/admin/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ops.night', password }) });
    expect(session.status).toBe(201);
    expect(await session.json()).toMatchObject({ must_change_password: true });

    expect((await gridgate('admin', 'create')).stdout).toContain('Operator account "admin" created');
    await expectRefused(
      [['admin', 'create', 'ops.night'], 'An operator account "ops.night" already exists'],
      [['admin', 'create', 'Ops'], '"Ops" is not a valid user name'],
    );
    expect(await checkOperatorPassword(test.database.db, 'ops.night', password)).toEqual({ mustChangePassword: true });
  });
});
