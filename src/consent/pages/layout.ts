import { html, type SafeHtml } from '../../platform/http/html.ts';

export const STYLESHEET_PATH = '/account/assets/site.css';

/** The customer space's one stylesheet: readable, high-contrast, usable on a phone. */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b2430; --muted: #4b5563; --line: #d5dbe3; --accent: #0b5cab; --accent-ink: #fff; --ok: #17663a; --warn: #9a3412; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header.site { background: #fff; border-bottom: 1px solid var(--line); }
header.site .bar { max-width: 60rem; margin: 0 auto; padding: .75rem 1rem; display: flex; align-items: center; gap: 1rem; justify-content: space-between; }
header.site .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.15rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1.25rem; margin-bottom: 1rem; }
.narrow { max-width: 28rem; margin-left: auto; margin-right: auto; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type=email], input[type=password] { width: 100%; padding: .6rem .7rem; border: 1px solid #8a94a3; border-radius: .35rem; font: inherit; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
button { font: inherit; padding: .6rem 1.1rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; margin-top: 1.25rem; }
fieldset { border: 1px solid var(--line); border-radius: .35rem; padding: .5rem 1rem 1rem; margin: 1rem 0; }
legend { font-weight: 600; padding: 0 .25rem; }
.choice { display: flex; gap: .6rem; align-items: flex-start; margin-top: .6rem; font-weight: 400; }
.choice input { margin-top: .35rem; }
.alert { border-left: 4px solid var(--warn); background: #fff7ed; padding: .75rem 1rem; margin: 1rem 0; }
.notice { border-left: 4px solid var(--ok); background: #ecfdf3; padding: .75rem 1rem; margin: 1rem 0; }
.muted { color: var(--muted); }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .9rem; color: var(--muted); }
.state-live { color: var(--ok); font-weight: 600; }
.state-revoked, .state-expired { color: var(--muted); }
ul.data { margin: .25rem 0 0; padding-left: 1.25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
`;

export interface PageOptions {
  title: string;
  /** The signed-in customer, for the header's sign-out button. */
  signedIn?: { email: string; csrfToken: string };
}

/** The frame of every page of the customer space and the consent journey. */
export function page(options: PageOptions, content: SafeHtml): string {
  const signOut = options.signedIn
    ? html`<form method="post" action="/account/sign-out"><input type="hidden" name="_csrf" value="${options.signedIn.csrfToken}"><span class="muted">${options.signedIn.email}</span> <button class="link" type="submit">Se déconnecter</button></form>`
    : '';
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Gridgate</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="site"><div class="bar"><a class="brand" href="/account">Gridgate · Espace client</a>${signOut}</div></header>
<main id="content">
${content}
</main>
</body>
</html>
`.text;
}
