/**
 * A client of the HTML pages without a browser: keeps cookies, reads the
 * CSRF token of the last page, never follows redirects (the tests look at
 * each one).
 */
export class FormClient {
  private readonly cookies = new Map<string, string>();
  readonly base: string;
  lastPage = '';

  constructor(base: string) {
    this.base = base;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers: { accept: 'text/html', ...headers } });
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of ([] as string[]).concat(value)) body.append(name, v);
    return this.send(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: body.toString() });
  }

  /** The CSRF token of the last page's first form. */
  csrf(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastPage);
    if (!match) throw new Error('no CSRF token on the last page');
    return match[1]!;
  }

  async signIn(email: string, password: string, next = '/account'): Promise<Response> {
    await this.get(`/account/sign-in?next=${encodeURIComponent(next)}`);
    return this.post('/account/sign-in', { _csrf: this.csrf(), next, email, password });
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.base}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) this.lastPage = await response.clone().text();
    return response;
  }
}
