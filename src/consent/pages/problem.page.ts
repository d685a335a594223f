import { html } from '../../platform/http/html.ts';
import { page } from './layout.ts';

/** A page that stops the journey: what went wrong and what the reader can do. */
export function problemPage(view: { title: string; message: string; hint?: string; signedIn?: { email: string; csrfToken: string } }): string {
  return page(
    { title: view.title, signedIn: view.signedIn },
    html`<div class="card narrow">
<h1>${view.title}</h1>
<p class="alert" role="alert">${view.message}</p>
${view.hint ? html`<p>${view.hint}</p>` : ''}
<p><a href="/account">Retour à votre espace client</a></p>
</div>`,
  );
}
