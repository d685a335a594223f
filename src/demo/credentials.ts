import { createHmac } from 'node:crypto';
import { derivedSecret } from '../platform/secrets.ts';

/**
 * Credentials of a demo hub, derived from the demo seed: the same on every
 * machine, so that a tutorial can show them. Used only on a database that
 * holds the demo network, never on a production one.
 */
export interface DemoApplicationCredential {
  partnerId: string;
  partnerName: string;
  applicationId: string;
  /** What people see, e.g. on the consent page. */
  applicationName: string;
  stage: 'sandbox' | 'homologation' | 'production';
  kind: 'api_key' | 'oauth_client';
  clientId: string | undefined;
  secret: string;
  redirectUri: string | undefined;
  apis: string[];
}

export interface DemoCredentials {
  operatorApiKey: string;
  applications: DemoApplicationCredential[];
}

const DEMO_REDIRECT_URI = 'http://localhost:3000/callback';

export function demoCredentials(seed: string): DemoCredentials {
  const clientId = (application: string) => createHmac('sha256', seed).update(`client-id/${application}`).digest('hex').slice(0, 32);
  const secret = (application: string, prefix: string) => derivedSecret(seed, `secret/${application}`, prefix);
  return {
    operatorApiKey: derivedSecret(seed, 'native-api/operator-key', 'gg_demo_'),
    applications: [
      {
        partnerId: 'demo-watt-services', partnerName: 'Watt Services (demo service provider)', applicationId: 'watt-sandbox', applicationName: 'Watt Conso (bac à sable)', stage: 'sandbox', kind: 'oauth_client',
        clientId: clientId('watt-sandbox'), secret: secret('watt-sandbox', ''), redirectUri: DEMO_REDIRECT_URI, apis: ['dataconnect-v3', 'dataconnect-v5', 'dataconnect-2026'],
      },
      {
        partnerId: 'demo-watt-services', partnerName: 'Watt Services (demo service provider)', applicationId: 'watt-production', applicationName: 'Watt Conso', stage: 'production', kind: 'oauth_client',
        clientId: clientId('watt-production'), secret: secret('watt-production', ''), redirectUri: DEMO_REDIRECT_URI, apis: ['dataconnect-v3', 'dataconnect-v5', 'dataconnect-2026'],
      },
      {
        partnerId: 'demo-volt-energie', partnerName: 'Volt Energie (demo supplier)', applicationId: 'volt-backoffice', applicationName: 'Volt Énergie back-office', stage: 'production', kind: 'api_key',
        clientId: undefined, secret: secret('volt-backoffice', 'gg_demo_'), redirectUri: undefined, apis: ['native-v1', 'sge-b2b', 'omega-soap', 'omega-rest', 'omega-files'],
      },
      {
        partnerId: 'demo-metropole', partnerName: 'Metropole Verte (demo local authority)', applicationId: 'metropole-energy-map', applicationName: 'Carte énergie de la Métropole', stage: 'production', kind: 'api_key',
        clientId: undefined, secret: secret('metropole-energy-map', 'gg_demo_'), redirectUri: undefined, apis: ['opendata-v1', 'native-v1'],
      },
    ],
  };
}

/** Setting keys that mark a database as a demo database. */
export const DEMO_SEED_SETTING = 'demo.seed';
export const DEMO_LAST_DAY_SETTING = 'demo.last_day';
