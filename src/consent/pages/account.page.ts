import { html } from '../../platform/http/html.ts';
import type { TimeZone } from '../../platform/time/zone.ts';
import { ACCESS_LOG_LENGTH, type CustomerOverview } from '../customer-space.ts';
import { accessOutcome, directionLabel, frenchDate, frenchDateTime, operationLabel, pointLabel } from './format.ts';
import { page } from './layout.ts';

export interface AccountView {
  overview: CustomerOverview;
  email: string;
  csrfToken: string;
  zone: TimeZone;
  notice?: string;
}

const STATE_LABELS = { live: 'Actif', revoked: 'Retiré', expired: 'Expiré' } as const;

function customerName(overview: CustomerOverview): string {
  const c = overview.customer;
  return c.kind === 'company' ? (c.companyName ?? '') : [c.firstName, c.lastName].filter(Boolean).join(' ');
}

/** The customer space: points, consents with a one-click revocation, and the access log. */
export function accountPage(view: AccountView): string {
  const { overview, zone } = view;
  const points = overview.points.length
    ? html`<table><thead><tr><th scope="col">Point de livraison</th><th scope="col">Adresse</th><th scope="col">Sens</th></tr></thead><tbody>
${overview.points.map((p) => html`<tr><td><code>${p.id}</code></td><td>${pointLabel(p)}</td><td>${directionLabel(p)}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted">Aucun point de livraison n’est à votre nom aujourd’hui.</p>`;
  const consents = overview.consents.length
    ? html`<table><thead><tr><th scope="col">Application</th><th scope="col">Point</th><th scope="col">Donné le</th><th scope="col">Jusqu’au</th><th scope="col">État</th><th scope="col"><span class="muted">Action</span></th></tr></thead><tbody>
${overview.consents.map(
  (v) => html`<tr><td>${v.applicationName}</td><td><code>${v.consent.usagePointId}</code></td><td>${frenchDate(Number(v.consent.grantedAt), zone)}</td><td>${frenchDate(Number(v.consent.expiresAt), zone)}</td>
<td class="state-${v.state}">${STATE_LABELS[v.state]}</td>
<td>${
    v.state === 'live'
      ? html`<form method="post" action="/account/consents/${v.consent.id}/revoke"><input type="hidden" name="_csrf" value="${view.csrfToken}"><button type="submit" class="secondary" aria-label="Retirer le consentement donné à ${v.applicationName} pour le point ${v.consent.usagePointId}">Retirer</button></form>`
      : ''
  }</td></tr>`,
)}
</tbody></table>`
    : html`<p class="muted">Vous n’avez partagé vos données avec aucune application.</p>`;
  const log = overview.accessLog.length
    ? html`<table><thead><tr><th scope="col">Quand</th><th scope="col">Application</th><th scope="col">Données</th><th scope="col">Point</th><th scope="col">Consentement</th><th scope="col">Résultat</th></tr></thead><tbody>
${overview.accessLog.map(
  (r) => html`<tr><td>${frenchDateTime(r.at, zone)}</td><td>${r.applicationName ?? r.applicationId ?? ''}</td><td>${operationLabel(r.operation)}</td><td><code>${r.usagePoints.join(', ')}</code></td><td>n° ${r.basis.replace('consent:', '')}</td><td>${accessOutcome(r.outcome)}</td></tr>`,
)}
</tbody></table>`
    : html`<p class="muted">Aucune application n’a encore lu vos données.</p>`;
  return page(
    { title: 'Mon espace', signedIn: { email: view.email, csrfToken: view.csrfToken } },
    html`<h1>Bonjour ${customerName(overview)}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<section aria-labelledby="points"><h2 id="points">Mes points de livraison</h2>${points}</section>
<section aria-labelledby="consents"><h2 id="consents">Mes consentements</h2>
<p class="muted">Retirer un consentement prend effet immédiatement : l’application ne peut plus lire vos données.</p>${consents}</section>
<section aria-labelledby="access-log"><h2 id="access-log">Qui a lu mes données</h2>
<p class="muted">Les ${ACCESS_LOG_LENGTH} derniers accès des applications à vos données, d’après le journal d’audit.</p>${log}</section>`,
  );
}
