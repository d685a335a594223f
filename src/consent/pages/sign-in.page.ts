import { html } from '../../platform/http/html.ts';
import { page } from './layout.ts';

export interface SignInView {
  csrfToken: string;
  /** Where to go once signed in: a path of this site. */
  next: string;
  email?: string;
  failed?: boolean;
  /** Too many wrong passwords for this e-mail: minutes to wait. */
  lockedMinutes?: number;
  /** The application waiting for the customer's consent, if any. */
  requester?: string;
}

export function signInPage(view: SignInView): string {
  return page(
    { title: 'Connexion' },
    html`<div class="card narrow">
<h1>Connexion à votre espace client</h1>
${view.requester ? html`<p><strong>${view.requester}</strong> demande l’accès à vos données. Connectez-vous pour choisir ce que vous partagez.</p>` : ''}
${view.failed ? html`<p class="alert" role="alert">E-mail ou mot de passe incorrect. Vérifiez-les et réessayez.</p>` : ''}
${view.lockedMinutes ? html`<p class="alert" role="alert">Trop de mots de passe erronés pour cette adresse. Réessayez dans ${view.lockedMinutes} minute${view.lockedMinutes > 1 ? 's' : ''}.</p>` : ''}
<form method="post" action="/account/sign-in">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
<input type="hidden" name="next" value="${view.next}">
<label for="email">Adresse e-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${view.email ?? ''}">
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button type="submit">Se connecter</button></div>
</form>
</div>`,
  );
}
