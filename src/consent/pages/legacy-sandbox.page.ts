import { html, SafeHtml } from '../../platform/http/html.ts';

/**
 * The 2020 sandbox consent page: no login, and the redirect written in the
 * page as `var url = "…"`, which the oldest clients scrape (§3); a browser
 * simply follows it.
 */
export function legacySandboxPage(url: string, nonce: string): string {
  return html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Consentement (bac à sable) · Gridgate</title></head>
<body>
<p>Consentement du client de test donné. <a href="${url}">Continuer vers l’application</a></p>
<script nonce="${nonce}">
var url = ${scriptString(url)};
window.location.replace(url);
</script>
</body>
</html>
`.text;
}

/** A string as a JavaScript literal inside a script element: JSON, with `<` escaped so that it cannot close the element. */
function scriptString(value: string): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replaceAll('<', '\\u003c'));
}
