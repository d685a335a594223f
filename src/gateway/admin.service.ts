import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { randomSecret, sha256 } from '../platform/secrets.ts';
import { parseIsoDate } from '../platform/time/local-day.ts';
import { calendarProblems, type CalendarDefinition } from './calendar.ts';
import { CHANNELS, type ApplicationRow, type CredentialKind, type CredentialRow, type PartnerRow, type PlanLimitRow, type PlanRow, type Stage } from './gateway.tables.ts';

/**
 * Administration of the gateway, shared by the CLI and the admin API:
 * partners, applications, credentials, plans, subscriptions, the catalog's
 * lifecycle and the opening calendars. Secrets are returned once, at
 * creation, and stored as SHA-256 only.
 */
export const PARTNER_ROLES = ['supplier', 'service_provider', 'local_authority', 'aggregator', 'operator'] as const;
export const STAGES: readonly Stage[] = ['sandbox', 'homologation', 'production'];
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['api_key', 'oauth_client', 'certificate', 'ssh_key'];

const SIRET = /^\d{14}$/;
const SIREN = /^\d{9}$/;
const ID = /^[a-z0-9][a-z0-9_-]{1,62}$/;

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** What a new credential gives its holder: shown once. */
export interface IssuedCredential {
  credential: Omit<CredentialRow, 'secretHash'>;
  /** The API key or client secret, when the kind has one. */
  secret: string | undefined;
}

export class GatewayAdmin {
  private readonly db: Kysely<Schema>;
  private readonly now: () => number;

  constructor(db: Kysely<Schema>, now: () => number) {
    this.db = db;
    this.now = now;
  }

  async createPartner(input: { id?: string; role: string; name: string; legalId: string; marketPartyId?: string; contacts?: { email: string; name: string; phone?: string; purpose: string }[] }): Promise<PartnerRow> {
    if (!(PARTNER_ROLES as readonly string[]).includes(input.role)) throw new AppError(400, 'invalid_role', `role "${input.role}" is not one of ${PARTNER_ROLES.join(', ')}`);
    if (!SIRET.test(input.legalId) && !SIREN.test(input.legalId)) throw new AppError(400, 'invalid_legal_id', `legal id "${input.legalId}" is neither a SIRET (14 digits) nor a SIREN (9 digits)`);
    if (!input.name.trim()) throw new AppError(400, 'invalid_name', 'a partner needs a name');
    const id = input.id ?? newId('ptn');
    if (!ID.test(id)) throw new AppError(400, 'invalid_id', `id "${id}" must be 2-63 lower-case letters, digits, - or _`);
    if (await this.db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst()) throw new AppError(409, 'partner_exists', `a partner "${id}" already exists`);
    const row: PartnerRow = { id, role: input.role as PartnerRow['role'], name: input.name.trim(), legalId: input.legalId, status: 'active', marketPartyId: input.marketPartyId ?? null, createdAt: this.now() };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('partners').values(row).execute();
      for (const contact of input.contacts ?? []) {
        if (!/^[^@\s]+@[^@\s]+$/.test(contact.email)) throw new AppError(400, 'invalid_email', `contact email "${contact.email}" is not an email address`);
        await trx.insertInto('partnerContacts').values({ partnerId: id, email: contact.email, name: contact.name, phone: contact.phone ?? null, purpose: contact.purpose }).execute();
      }
    });
    return row;
  }

  async listPartners(): Promise<PartnerRow[]> {
    return this.db.selectFrom('partners').selectAll().orderBy('id').execute();
  }

  async partner(id: string): Promise<PartnerRow & { contacts: { email: string; name: string; phone: string | null; purpose: string }[] }> {
    const row = await this.db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(404, 'unknown_partner', `no partner "${id}": list them with \`gridgate partner list\``);
    const contacts = await this.db.selectFrom('partnerContacts').select(['email', 'name', 'phone', 'purpose']).where('partnerId', '=', id).execute();
    return { ...row, contacts };
  }

  /** Suspending a partner suspends all its applications at once: identify checks the partner on every call. */
  async setPartnerStatus(id: string, status: 'active' | 'suspended'): Promise<void> {
    await this.partner(id);
    await this.db.updateTable('partners').set({ status }).where('id', '=', id).execute();
  }

  async createApplication(input: { id?: string; partnerId: string; name: string; stage: string }): Promise<ApplicationRow> {
    await this.partner(input.partnerId);
    if (!(STAGES as readonly string[]).includes(input.stage)) throw new AppError(400, 'invalid_stage', `stage "${input.stage}" is not one of ${STAGES.join(', ')}`);
    const id = input.id ?? newId('app');
    if (!ID.test(id)) throw new AppError(400, 'invalid_id', `id "${id}" must be 2-63 lower-case letters, digits, - or _`);
    if (await this.db.selectFrom('applications').select('id').where('id', '=', id).executeTakeFirst()) throw new AppError(409, 'application_exists', `an application "${id}" already exists`);
    const row: ApplicationRow = { id, partnerId: input.partnerId, name: input.name, stage: input.stage as Stage, status: 'active', createdAt: this.now() };
    await this.db.insertInto('applications').values(row).execute();
    return row;
  }

  async listApplications(partnerId?: string): Promise<ApplicationRow[]> {
    let query = this.db.selectFrom('applications').selectAll().orderBy('id');
    if (partnerId) {
      await this.partner(partnerId);
      query = query.where('partnerId', '=', partnerId);
    }
    return query.execute();
  }

  /** Display names of some applications, for pages that list them. */
  async applicationNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('applications').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async application(id: string): Promise<ApplicationRow> {
    const row = await this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError(404, 'unknown_application', `no application "${id}": list them with \`gridgate app list\``);
    return row;
  }

  async updateApplication(id: string, change: { stage?: string; status?: 'active' | 'suspended' }): Promise<void> {
    await this.application(id);
    if (change.stage !== undefined && !(STAGES as readonly string[]).includes(change.stage)) throw new AppError(400, 'invalid_stage', `stage "${change.stage}" is not one of ${STAGES.join(', ')}`);
    await this.db.updateTable('applications').set({ ...(change.stage ? { stage: change.stage as Stage } : {}), ...(change.status ? { status: change.status } : {}) }).where('id', '=', id).execute();
  }

  /**
   * Issues a credential. API keys and OAuth client secrets are long random
   * values returned once; a certificate is registered by subject and issuer
   * DN (rotating the key keeps the DN, so the registration stays); an SSH key
   * by its SHA-256 fingerprint.
   */
  async createCredential(input: {
    applicationId: string;
    kind: string;
    redirectUri?: string;
    subjectDn?: string;
    issuerDn?: string;
    publicKey?: string;
    fingerprint?: string;
    expiresAt?: number;
    /** Demo credentials only: a secret derived from the demo seed instead of a random one. */
    presetSecret?: string;
    presetClientId?: string;
  }): Promise<IssuedCredential> {
    const app = await this.application(input.applicationId);
    if (input.expiresAt !== undefined && input.expiresAt <= this.now()) throw new AppError(400, 'expiry_in_the_past', 'the expiry date is already past: give a future one, or none');
    if (!(CREDENTIAL_KINDS as readonly string[]).includes(input.kind)) throw new AppError(400, 'invalid_kind', `kind "${input.kind}" is not one of ${CREDENTIAL_KINDS.join(', ')}`);
    const kind = input.kind as CredentialKind;
    let lookup: string | null = null;
    let secret: string | undefined;
    let redirectUri: string | null = null;
    let issuerDn: string | null = null;
    let publicKey: string | null = null;
    switch (kind) {
      case 'api_key':
        secret = input.presetSecret ?? randomSecret(app.stage === 'sandbox' ? 'gg_test_' : 'gg_live_');
        break;
      case 'oauth_client':
        if (!input.redirectUri) throw new AppError(400, 'missing_redirect_uri', 'an OAuth client needs its one redirect URI (--redirect-uri https://...)');
        redirectUri = checkRedirectUri(input.redirectUri);
        lookup = input.presetClientId ?? randomBytes(16).toString('hex');
        secret = input.presetSecret ?? randomSecret('', 32);
        break;
      case 'certificate':
        if (!input.subjectDn || !input.issuerDn) throw new AppError(400, 'missing_dn', 'a certificate is registered by its subject DN and its issuer DN');
        lookup = checkedDn(input.subjectDn, 'subject DN');
        issuerDn = checkedDn(input.issuerDn, 'issuer DN');
        break;
      case 'ssh_key': {
        // The public key, when given, is checked and gives the fingerprint; a fingerprint given too must be its own.
        const derived = input.publicKey ? sshFingerprint(input.publicKey) : undefined;
        if (derived && input.fingerprint && derived !== input.fingerprint) throw new AppError(400, 'fingerprint_mismatch', `the fingerprint ${input.fingerprint} is not the public key's (${derived})`);
        const fingerprint = input.fingerprint ?? derived;
        if (!fingerprint || !/^SHA256:[A-Za-z0-9+/]{43}$/.test(fingerprint)) throw new AppError(400, 'invalid_fingerprint', 'an SSH key is registered by its public key line or its fingerprint, SHA256:<43 base64 characters> (ssh-keygen -lf key.pub)');
        lookup = fingerprint;
        publicKey = input.publicKey?.trim() ?? null;
        break;
      }
    }
    const row: CredentialRow = {
      id: newId('cred'), applicationId: app.id, kind, lookup, secretHash: secret ? sha256(secret) : null, redirectUri, issuerDn, publicKey,
      status: 'active', createdAt: this.now(), expiresAt: input.expiresAt ?? null, revokedAt: null,
    };
    if (lookup) {
      let active = this.db.selectFrom('credentials').select('applicationId').where('kind', '=', kind).where('lookup', '=', lookup).where('status', '=', 'active');
      // One certificate identifies one partner's application (OMEGA R18); the same DN again for that application is a rotation (R20).
      if (kind === 'certificate') active = active.where('issuerDn', '=', issuerDn).where('applicationId', '!=', app.id);
      const other = await active.executeTakeFirst();
      if (other && kind === 'certificate') throw new AppError(409, 'certificate_in_use', `a certificate "${lookup}" of this issuer is already registered for application "${other.applicationId}": revoke it there first`);
      if (other) throw new AppError(409, 'credential_exists', `an active ${kind} "${lookup}" is already registered`);
    }
    await this.db.insertInto('credentials').values(row).execute();
    const { secretHash: _hidden, ...credential } = row;
    return { credential, secret };
  }

  async listCredentials(applicationId: string): Promise<Omit<CredentialRow, 'secretHash'>[]> {
    await this.application(applicationId);
    const rows = await this.db.selectFrom('credentials').selectAll().where('applicationId', '=', applicationId).orderBy('createdAt').execute();
    return rows.map(({ secretHash: _hidden, ...rest }) => rest);
  }

  /** Revokes a credential from the next call; revoking it again keeps the first revocation's time. */
  async revokeCredential(id: string): Promise<void> {
    const result = await this.db.updateTable('credentials').set({ status: 'revoked', revokedAt: this.now() }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return;
    if (!(await this.db.selectFrom('credentials').select('id').where('id', '=', id).executeTakeFirst())) throw new AppError(404, 'unknown_credential', `no credential "${id}"`);
  }

  async createPlan(input: { id: string; name: string; monthlyFeeCents: number; pricePerThousandCallsCents: number; includedCalls: number; limits: Omit<PlanLimitRow, 'planId'>[] }): Promise<PlanRow> {
    if (!ID.test(input.id)) throw new AppError(400, 'invalid_id', `id "${input.id}" must be 2-63 lower-case letters, digits, - or _`);
    for (const n of [input.monthlyFeeCents, input.pricePerThousandCallsCents, input.includedCalls]) {
      if (!Number.isInteger(n) || n < 0) throw new AppError(400, 'invalid_amount', 'fees, prices and included calls are whole numbers >= 0');
    }
    for (const limit of input.limits) checkLimit(limit);
    if (await this.db.selectFrom('plans').select('id').where('id', '=', input.id).executeTakeFirst()) throw new AppError(409, 'plan_exists', `a plan "${input.id}" already exists`);
    const plan: PlanRow = { id: input.id, name: input.name, monthlyFeeCents: input.monthlyFeeCents, pricePerThousandCallsCents: input.pricePerThousandCallsCents, includedCalls: input.includedCalls };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('plans').values(plan).execute();
      for (const limit of input.limits) await trx.insertInto('planLimits').values({ ...limit, planId: plan.id }).execute();
    });
    return plan;
  }

  async listPlans(): Promise<(PlanRow & { limits: Omit<PlanLimitRow, 'planId'>[] })[]> {
    const plans = await this.db.selectFrom('plans').selectAll().orderBy('id').execute();
    const limits = await this.db.selectFrom('planLimits').selectAll().execute();
    return plans.map((p) => ({
      ...p, monthlyFeeCents: Number(p.monthlyFeeCents), pricePerThousandCallsCents: Number(p.pricePerThousandCallsCents), includedCalls: Number(p.includedCalls),
      limits: limits.filter((l) => l.planId === p.id).map(({ planId: _p, ...l }) => ({ ...l, limit: Number(l.limit) })),
    }));
  }

  async subscribe(applicationId: string, apiId: string, planId: string): Promise<void> {
    await this.application(applicationId);
    const api = await this.db.selectFrom('apis').select(['id', 'state']).where('id', '=', apiId).executeTakeFirst();
    if (!api) throw new AppError(404, 'unknown_api', `no API "${apiId}" in the catalog: list it with \`gridgate api list\``);
    if (api.state === 'retired') throw new AppError(409, 'api_retired', `the API "${apiId}" is retired: no new subscriptions`);
    if (!(await this.db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst())) throw new AppError(404, 'unknown_plan', `no plan "${planId}": list them with \`gridgate plan list\``);
    await this.db
      .insertInto('subscriptions')
      .values({ applicationId, apiId, planId, createdAt: this.now() })
      .onConflict((oc) => oc.columns(['applicationId', 'apiId']).doUpdateSet({ planId }))
      .execute();
  }

  async unsubscribe(applicationId: string, apiId: string): Promise<void> {
    const result = await this.db.deleteFrom('subscriptions').where('applicationId', '=', applicationId).where('apiId', '=', apiId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new AppError(404, 'unknown_subscription', `application "${applicationId}" is not subscribed to "${apiId}"`);
  }

  async listSubscriptions(applicationId?: string): Promise<{ applicationId: string; apiId: string; planId: string; createdAt: number }[]> {
    let query = this.db.selectFrom('subscriptions').selectAll().orderBy('applicationId').orderBy('apiId');
    if (applicationId) query = query.where('applicationId', '=', applicationId);
    return (await query.execute()).map((s) => ({ ...s, createdAt: Number(s.createdAt) }));
  }

  async listApis(): Promise<{ id: string; family: string; name: string; version: string; channel: string; state: string; sunsetDay: number | null; operations: { operation: string; kind: string }[] }[]> {
    const apis = await this.db.selectFrom('apis').selectAll().orderBy('id').execute();
    const operations = await this.db.selectFrom('apiOperations').selectAll().orderBy('operation').execute();
    return apis.map((a) => ({ ...a, operations: operations.filter((o) => o.apiId === a.id).map((o) => ({ operation: o.operation, kind: o.kind })) }));
  }

  /** Publishes, deprecates (with the sunset date after which calls are refused) or retires an API. */
  async setApiState(apiId: string, state: 'published' | 'deprecated' | 'retired', sunset?: string): Promise<void> {
    let sunsetDay: number | null = null;
    if (state === 'deprecated') {
      if (!sunset || parseIsoDate(sunset) === undefined) throw new AppError(400, 'missing_sunset', 'a deprecated API needs its sunset date, YYYY-MM-DD');
      sunsetDay = parseIsoDate(sunset)!;
    }
    const result = await this.db.updateTable('apis').set({ state, sunsetDay }).where('id', '=', apiId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError(404, 'unknown_api', `no API "${apiId}" in the catalog`);
  }

  /** Sets the opening calendar of a channel (`rest`, `soap`, `files`, `portal`) or of one API (its id). */
  async setCalendar(channel: string, definition: CalendarDefinition): Promise<void> {
    const known = (CHANNELS as readonly string[]).includes(channel) || (await this.db.selectFrom('apis').select('id').where('id', '=', channel).executeTakeFirst()) !== undefined;
    if (!known) throw new AppError(404, 'unknown_channel', `"${channel}" is neither a channel (${CHANNELS.join(', ')}) nor an API of the catalog`);
    const problems = calendarProblems(definition);
    if (problems.length) throw new AppError(400, 'invalid_calendar', problems.join('; '));
    await this.db
      .insertInto('calendars')
      .values({ channel, definition: JSON.stringify(definition) })
      .onConflict((oc) => oc.column('channel').doUpdateSet({ definition: JSON.stringify(definition) }))
      .execute();
  }

  /** Removes a calendar; says whether there was one. */
  async removeCalendar(channel: string): Promise<boolean> {
    const result = await this.db.deleteFrom('calendars').where('channel', '=', channel).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function checkLimit(limit: Omit<PlanLimitRow, 'planId'>): void {
  if (!['second', 'hour', 'day'].includes(limit.window)) throw new AppError(400, 'invalid_window', `window "${limit.window}" is not second, hour or day`);
  if (!['application', 'application_api', 'partner'].includes(limit.scope)) throw new AppError(400, 'invalid_scope', `scope "${limit.scope}" is not application, application_api or partner`);
  if (!Number.isInteger(limit.limit) || limit.limit < 1) throw new AppError(400, 'invalid_limit', 'a limit is a whole number >= 1');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(limit.name)) throw new AppError(400, 'invalid_limit_name', 'a limit name is 1-32 letters, digits, - or _');
}

/** Redirect URIs are matched exactly later on; refuse the ones that cannot be safe now. */
function checkRedirectUri(uri: string): string {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new AppError(400, 'invalid_redirect_uri', `redirect URI "${uri}" is not an absolute URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) throw new AppError(400, 'invalid_redirect_uri', 'a redirect URI uses https (http only for localhost)');
  if (parsed.hash) throw new AppError(400, 'invalid_redirect_uri', 'a redirect URI has no #fragment');
  return uri;
}

const SSH_KEY_TYPES = new Set(['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com']);

/**
 * OpenSSH's fingerprint of a public key line (`ssh-ed25519 AAAA... comment`):
 * SHA256:<base64 without padding>. The line is checked first: a known key
 * type, and a base64 blob in SSH wire format that starts with that same type
 * (so a private key file, or any other text, is refused).
 */
export function sshFingerprint(publicKeyLine: string): string {
  const refuse = (why: string) => new AppError(400, 'invalid_public_key', `${why}: expected an OpenSSH public key line, "ssh-ed25519 AAAA... comment" (the .pub file, never the private key)`);
  const [type, blob] = publicKeyLine.trim().split(/\s+/);
  if (!type || !SSH_KEY_TYPES.has(type)) throw refuse(`unknown key type "${(type ?? '').slice(0, 40)}"`);
  if (!blob || !/^[A-Za-z0-9+/]+=*$/.test(blob)) throw refuse('no base64 key after the type');
  const bytes = Buffer.from(blob, 'base64');
  const length = bytes.length >= 4 ? bytes.readUInt32BE(0) : -1;
  if (length !== type.length || bytes.subarray(4, 4 + length).toString('latin1') !== type || bytes.length <= 4 + length) throw refuse(`the key does not hold a ${type} key`);
  return `SHA256:${createHash('sha256').update(bytes).digest('base64').replace(/=+$/, '')}`;
}

/** A DN as an operator registers it: every part `attribute=value`, attributes as in RFC 4514 (a name or an OID), values not empty; then normalised. */
export function checkedDn(dn: string, what: string): string {
  const normalized = normalizeDn(dn);
  const bad = normalized.split(/,(?=[A-Za-z.0-9]+=)/).find((part) => !/^(?:[A-Z][A-Z0-9-]*|\d+(?:\.\d+)+)=.+$/.test(part));
  if (dn.trim() === '' || bad !== undefined) throw new AppError(400, 'invalid_dn', `${what} "${dn.slice(0, 200)}" is not a distinguished name: write it as CN=name,O=organisation,C=FR`);
  return normalized;
}

/** One spelling per DN: attributes trimmed, separated by a comma and no space (`CN=x,O=y,C=FR`). */
export function normalizeDn(dn: string): string {
  return dn
    .split(/,(?=\s*[A-Za-z.0-9]+=)/)
    .map((part) => {
      const [key, ...value] = part.split('=');
      return `${key.trim().toUpperCase()}=${value.join('=').trim()}`;
    })
    .join(',');
}
