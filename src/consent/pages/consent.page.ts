import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { html } from '../../platform/http/html.ts';
import type { TimeZone } from '../../platform/time/zone.ts';
import type { Decided, JourneyRequest } from '../consent-journey.ts';
import { directionLabel, durationWords, frenchDate, pointLabel, SHARED_DATA } from './format.ts';
import { page } from './layout.ts';

export interface ConsentView {
  request: JourneyRequest;
  points: UsagePointRow[];
  /** The page's own URL (path and query): the form posts back to it. */
  action: string;
  csrfToken: string;
  email: string;
  zone: TimeZone;
  problem?: Extract<Decided, { kind: 'problem' }>['problem'];
}

const PROBLEMS: Record<NonNullable<ConsentView['problem']>, string> = {
  none_chosen: 'Choisissez au moins un point de livraison à partager, ou refusez la demande.',
  one_only: 'Choisissez un seul point de livraison : chaque partage porte sur un point.',
  not_held: 'Ce point de livraison n’est pas (ou plus) à votre nom. Choisissez parmi ceux affichés.',
  already_shared: 'Une erreur est survenue lors du partage de vos données : ce point est déjà partagé avec cette application.',
};

/**
 * The consent page: who asks, for which data, for how long, and the
 * customer's points to tick (one only on the v2 page, §13.22).
 */
export function consentPage(view: ConsentView): string {
  const { request, points } = view;
  const single = request.generation === 'v2';
  const preselect = points.length === 1;
  const choices = points.map(
    (point) => html`<label class="choice"><input type="${single ? 'radio' : 'checkbox'}" name="usage_point_id" value="${point.id}"${preselect ? html` checked` : ''}${single ? html` required` : ''}>
<span><strong>${pointLabel(point)}</strong><br><span class="muted">Point de livraison n° ${point.id}, ${directionLabel(point)}</span></span></label>`,
  );
  return page(
    { title: 'Partage de vos données', signedIn: { email: view.email, csrfToken: view.csrfToken } },
    html`<div class="card">
<h1>${request.requester.applicationName} souhaite accéder à vos données</h1>
<p>L’application <strong>${request.requester.applicationName}</strong>, de <strong>${request.requester.partnerName}</strong>, vous demande l’accès aux données de ${single ? 'un de vos points' : 'vos points'} de livraison d’électricité pendant <strong>${durationWords(request.params.duration)}</strong>, jusqu’au ${frenchDate(request.params.expiresAt, view.zone)}.</p>
<p>Elle pourra lire :</p>
<ul class="data">${SHARED_DATA.map((d) => html`<li>${d}</li>`)}</ul>
<p class="muted">Vous pourrez retirer ce consentement à tout moment depuis votre espace client ; l’application n’aura alors plus accès à vos données.</p>
${view.problem ? html`<p class="alert" role="alert">${PROBLEMS[view.problem]}</p>` : ''}
<form method="post" action="${view.action}">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
${
  points.length > 0
    ? html`<fieldset><legend>${single ? 'Le point de livraison à partager' : 'Les points de livraison à partager'}</legend>${choices}</fieldset>`
    : html`<p class="alert">Aucun point de livraison d’électricité n’est à votre nom aujourd’hui : il n’y a rien à partager.</p>`
}
<div class="actions">
${points.length > 0 ? html`<button type="submit" name="decision" value="accept">Accepter et partager</button>` : ''}
<button type="submit" name="decision" value="refuse" class="secondary" formnovalidate>Refuser</button>
</div>
</form>
</div>`,
  );
}
