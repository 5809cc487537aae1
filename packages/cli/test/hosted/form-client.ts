/**
 * A cookie-keeping HTTP client that walks the hosted pages the way a browser without JavaScript
 * would: it follows the sandbox's own redirects, stops at a redirect that leaves the sandbox (the
 * app's callback), and submits a page's form with its CSRF field. The browser suite (test/browser)
 * proves the same pages in Chromium; this drives the OAuth rules quickly.
 */
export interface Page {
  readonly url: string;
  readonly status: number;
  readonly html: string;
  readonly headers: Headers;
  /** Set when the sandbox redirected outside itself (the app's redirect URI). */
  readonly leftTo?: string;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export class FormClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header the sandbox sent, for the cookie-flag checks. */
  readonly setCookies: string[] = [];

  constructor(private readonly origin: string) {}

  async get(url: string): Promise<Page> {
    return this.request(url, { method: 'GET' });
  }

  /** Submits the page's post form whose action contains `actionPart` (default: the first), with the CSRF field. */
  async submit(page: Page, fields: Record<string, string>, actionPart = ''): Promise<Page> {
    const forms = [...page.html.matchAll(/<form method="post" action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find(f => decode(f[1]).includes(actionPart));
    if (!form) throw new Error(`no form with action containing ${actionPart} on ${page.url}:\n${page.html}`);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(form[2])?.[1];
    const hidden = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(m => [decode(m[1]), decode(m[2])]));
    const body = new URLSearchParams({ ...hidden, ...(csrf ? { _csrf: csrf } : {}), ...fields });
    return this.request(new URL(decode(form[1]), page.url).toString(), { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  async request(url: string, init: RequestInit): Promise<Page> {
    let current = url;
    let options = init;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(current, { ...options, redirect: 'manual', headers: { ...(options.headers as Record<string, string>), cookie: this.cookieHeader() } });
      this.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, current).toString();
        if (!next.startsWith(this.origin)) return { url: current, status: res.status, html: '', headers: res.headers, leftTo: next };
        current = next;
        options = { method: 'GET' };
        continue;
      }
      return { url: current, status: res.status, html: await res.text(), headers: res.headers };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(headers: string[]): void {
    for (const header of headers) {
      this.setCookies.push(header);
      const [pair, ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(a => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
