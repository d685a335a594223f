import type { DemoCredentials } from '../demo/credentials.ts';
import type { DemoCustomerAccount } from '../demo/demo-customers.ts';

/** What `gridgate start` prints once the hub listens: where things are and how to get in. */
export function startBanner(input: {
  version: string;
  url: string;
  databaseLocation: string;
  /** The audit log's own file (SQLite). */
  auditLocation: string | undefined;
  engine: string;
  demo: { seed: string; credentials: DemoCredentials; customers: DemoCustomerAccount[]; sandbox: { state: string; usagePointIds: string[]; description: string }[] } | undefined;
  operatorKeyConfigured: boolean;
  testMode: boolean;
}): string {
  const lines = [
    '',
    `Gridgate ${input.version} is running${input.testMode ? ' in TEST MODE (clock adjustable at /__test__/clock)' : ''}`,
    `  Database   ${input.databaseLocation} (${input.engine}${input.demo ? `, demo network, seed "${input.demo.seed}"` : ''})`,
    ...(input.auditLocation ? [`  Audit log  ${input.auditLocation}   (check it: gridgate audit verify)`] : []),
    `  Native API ${input.url}/api/v1`,
    `  API docs   ${input.url}/docs   (OpenAPI: ${input.url}/openapi.json)`,
    `  Health     ${input.url}/healthz   ${input.url}/readyz   metrics: ${input.url}/metrics`,
    `  Customers  ${input.url}/account   (customer space: consents and who read what)`,
  ];
  if (input.demo) {
    lines.push(
      '',
      'Demo credentials (derived from the demo seed: the same on every machine; never use them in production)',
      `  Operator API key  ${input.demo.credentials.operatorApiKey}${input.operatorKeyConfigured ? '  (GRIDGATE_OPERATOR_API_KEY is also accepted)' : ''}`,
      `  Try it            curl -H "Authorization: Bearer ${input.demo.credentials.operatorApiKey}" "${input.url}/api/v1/usage-points?limit=3"`,
      '',
      'Demo applications',
      ...input.demo.credentials.applications.flatMap((a) => [
        `  ${a.applicationId} (${a.partnerName}, ${a.stage}): ${a.apis.join(', ')}`,
        a.kind === 'oauth_client' ? `    client_id ${a.clientId}  client_secret ${a.secret}  redirect_uri ${a.redirectUri}` : `    API key ${a.secret}`,
      ]),
      '',
      'Demo customers (sign in at /account or on a consent page)',
      ...input.demo.customers.map((c) => `  ${c.email.padEnd(36)} password ${c.password}   ${c.name}: ${c.usagePointIds.join(', ')}`),
      ...consentExample(input.url, input.demo.credentials),
      '',
      'Sandbox usage points (Enedis Data Connect sandbox profiles)',
      ...input.demo.sandbox.map((p) => `  ${p.state.padEnd(5)} ${p.usagePointIds.join(', ').padEnd(48)} ${p.description}`),
    );
  } else if (!input.operatorKeyConfigured) {
    lines.push('', 'No operator API key is configured: set GRIDGATE_OPERATOR_API_KEY to read the native API.');
  }
  lines.push('', 'Stop with Ctrl+C.', '');
  return lines.join('\n');
}

/** A consent journey to try in a browser: the production demo application asking for a year. */
function consentExample(url: string, credentials: DemoCredentials): string[] {
  const app = credentials.applications.find((a) => a.kind === 'oauth_client' && a.stage === 'production');
  if (!app?.clientId) return [];
  return [`  Try the consent page: ${url}/dataconnect/v1/oauth2/authorize?client_id=${app.clientId}&response_type=code&state=demo&duration=P1Y`];
}
