import type { Generated } from 'kysely';

export interface CustomerAccountRow {
  customerId: string;
  /** Lower case. */
  email: string;
  /** scrypt, as platform/secrets.ts writes it. */
  passwordHash: string;
  createdAt: number;
}

export interface CustomerSessionRow {
  tokenHash: Buffer;
  customerId: string;
  createdAt: number;
  expiresAt: number;
  revoked: number;
}

export type ConsentOrigin = 'v1' | 'v2' | 'sandbox';

/** One per (application, customer, usage point); its id is Data Connect's `autorisation_id`. */
export interface ConsentRow {
  id: Generated<number>;
  applicationId: string;
  customerId: string;
  usagePointId: string;
  grantedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  origin: ConsentOrigin;
}

export interface AuthorizationCodeRow {
  codeHash: Buffer;
  applicationId: string;
  customerId: string;
  /** Usage points of the consent, joined with ','. */
  usagePoints: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface OAuthTokenRow {
  tokenHash: Buffer;
  kind: 'access' | 'refresh';
  applicationId: string;
  credentialId: string;
  /** Legacy per-customer tokens only: the customer and the usage points of the consent (joined with ','). */
  customerId: string | null;
  usagePoints: string | null;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface ConsentTables {
  customerAccounts: CustomerAccountRow;
  customerSessions: CustomerSessionRow;
  consents: ConsentRow;
  authorizationCodes: AuthorizationCodeRow;
  oauthTokens: OAuthTokenRow;
}
