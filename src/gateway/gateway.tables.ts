export interface PartnerRow {
  id: string;
  role: 'supplier' | 'service_provider' | 'local_authority' | 'aggregator' | 'operator';
  name: string;
  legalId: string;
  status: 'active' | 'suspended';
  marketPartyId: string | null;
  createdAt: number;
}

export interface PartnerContactRow {
  partnerId: string;
  email: string;
  name: string;
  phone: string | null;
  purpose: string;
}

export type Stage = 'sandbox' | 'homologation' | 'production';

/** The transports an API is served on; a calendar is set per channel or per API. */
export const CHANNELS = ['rest', 'soap', 'files', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ApplicationRow {
  id: string;
  partnerId: string;
  name: string;
  stage: Stage;
  status: 'active' | 'suspended';
  createdAt: number;
}

export type CredentialKind = 'api_key' | 'oauth_client' | 'certificate' | 'ssh_key';

export interface CredentialRow {
  id: string;
  applicationId: string;
  kind: CredentialKind;
  lookup: string | null;
  secretHash: Buffer | null;
  redirectUri: string | null;
  issuerDn: string | null;
  publicKey: string | null;
  status: 'active' | 'revoked';
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface ApiRow {
  id: string;
  family: string;
  name: string;
  version: string;
  channel: Channel;
  state: 'published' | 'deprecated' | 'retired';
  sunsetDay: number | null;
  personalData: number;
}

export interface ApiOperationRow {
  apiId: string;
  operation: string;
  kind: 'read' | 'write';
}

export interface PlanRow {
  id: string;
  name: string;
  monthlyFeeCents: number;
  pricePerThousandCallsCents: number;
  includedCalls: number;
}

export interface PlanLimitRow {
  planId: string;
  name: string;
  window: 'second' | 'hour' | 'day';
  scope: 'application' | 'application_api' | 'partner';
  limit: number;
}

export interface SubscriptionRow {
  applicationId: string;
  apiId: string;
  planId: string;
  createdAt: number;
}

export interface CalendarRow {
  channel: string;
  definition: string;
}

export interface AuditSegmentRow {
  id: string;
  writer: string;
  startedAt: number;
}

export interface AuditRecordRow {
  segmentId: string;
  seq: number;
  at: number;
  partnerId: string | null;
  applicationId: string | null;
  credentialId: string | null;
  channel: string;
  apiId: string | null;
  operation: string;
  usagePoints: string | null;
  basis: string | null;
  outcome: string;
  status: number;
  durationUs: number;
  hash: Buffer;
}

export interface AuditCheckpointRow {
  segmentId: string;
  seq: number;
  hash: Buffer;
  at: number;
}

export interface UsageDailyRow {
  day: number;
  applicationId: string;
  apiId: string;
  calls: number;
  errors: number;
  refusals: number;
  cost: number;
  durationUsTotal: number;
  durationUsMax: number;
}

export interface GatewayTables {
  partners: PartnerRow;
  partnerContacts: PartnerContactRow;
  applications: ApplicationRow;
  credentials: CredentialRow;
  apis: ApiRow;
  apiOperations: ApiOperationRow;
  plans: PlanRow;
  planLimits: PlanLimitRow;
  subscriptions: SubscriptionRow;
  calendars: CalendarRow;
  auditSegments: AuditSegmentRow;
  auditRecords: AuditRecordRow;
  auditCheckpoints: AuditCheckpointRow;
  usageDaily: UsageDailyRow;
}
