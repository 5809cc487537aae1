import { randomBytes } from 'crypto';
import { html, Html } from './html';
import { BrandingConfig } from '../../core/pool-config';

/** What every page shows around its form. */
export interface PageFrame {
  readonly title: string;
  /** The pool or app name in the header. */
  readonly appName: string;
  readonly branding?: BrandingConfig;
  readonly error?: string;
  readonly notice?: string;
}

export interface RenderedPage {
  readonly body: string;
  /** Content-Security-Policy for this page (its style nonce, form targets). */
  readonly csp: string;
}

/** Managed login (v2) look: a centered card on a soft background, the brand color on the primary button. */
const CSS = `
:root { --primary: #0972d3; --page: #f2f3f3; --form: #ffffff; --text: #16191f; --muted: #5f6b7a; --border: #8c8c94; --danger: #d91515; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; font: 15px/1.5 "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif; color: var(--text);
  background: var(--page); display: flex; flex-direction: column; align-items: center; }
header { width: 100%; padding: 14px 24px; background: #232f3e; color: #fff; font-weight: 700; letter-spacing: .2px; }
header small { font-weight: 400; opacity: .75; margin-left: 8px; }
main { width: 100%; max-width: 420px; margin: 48px 16px; background: var(--form); border-radius: 16px; padding: 32px 32px 24px;
  box-shadow: 0 1px 1px rgba(0,28,36,.3), 0 1px 8px 2px rgba(0,28,36,.15); }
.logo { display: block; max-height: 56px; max-width: 200px; margin: 0 auto 16px; }
h1 { font-size: 24px; margin: 0 0 4px; text-align: center; }
p.lead { margin: 0 0 20px; text-align: center; color: var(--muted); }
label { display: block; font-weight: 700; margin: 14px 0 4px; font-size: 14px; }
input[type=text], input[type=email], input[type=password], input[type=tel], input:not([type]) { width: 100%; padding: 8px 12px;
  border: 2px solid var(--border); border-radius: 8px; font-size: 15px; background: #fff; }
input:focus { outline: none; border-color: var(--primary); box-shadow: 0 0 0 2px rgba(9,114,211,.25); }
.hint { color: var(--muted); font-size: 13px; margin-top: 4px; }
button { width: 100%; margin-top: 20px; padding: 10px 16px; border-radius: 20px; border: 2px solid var(--primary);
  background: var(--primary); color: #fff; font-weight: 700; font-size: 15px; cursor: pointer; }
button.secondary { background: #fff; color: var(--primary); margin-top: 10px; }
.links { margin-top: 18px; text-align: center; font-size: 14px; }
.links a { color: var(--primary); text-decoration: none; font-weight: 700; }
.divider { display: flex; align-items: center; gap: 10px; color: var(--muted); margin: 22px 0 6px; font-size: 13px; }
.divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid #d1d5db; }
.alert { border-radius: 8px; padding: 10px 14px; margin-bottom: 12px; font-size: 14px; }
.alert.error { background: #fff7f7; border: 2px solid var(--danger); color: #700000; }
.alert.notice { background: #f2f8fd; border: 2px solid var(--primary); color: #00142b; }
.qr { display: block; margin: 8px auto; width: 200px; height: 200px; image-rendering: pixelated; }
.secret { font-family: Menlo, Consolas, monospace; font-size: 15px; letter-spacing: 1px; word-spacing: 4px; background: #f4f4f4;
  border-radius: 8px; padding: 10px; text-align: center; }
.choice { display: flex; align-items: center; gap: 10px; border: 2px solid #d1d5db; border-radius: 8px; padding: 10px 12px; margin-top: 10px; font-weight: 400; }
.choice input { margin: 0; }
ul.identities { list-style: none; padding: 0; margin: 0; }
ul.identities li form button { text-align: left; border-radius: 8px; background: #fff; color: var(--text); border-color: #d1d5db; font-weight: 400; }
footer { color: var(--muted); font-size: 12px; margin-bottom: 24px; text-align: center; }
`;

/** Stylesheet URL path, relative to a domain; served with the pages. */
export const STYLESHEET = 'assets/managed-login.css';
export const stylesheet = () => CSS;

/** A page with the sandbox's frame; `formTargets` are the origins (besides self) a form may lead to, e.g. after a redirect. */
export function page(frame: PageFrame, content: Html, baseHref: string, formTargets: string[] = []): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const colors = frame.branding?.colors ?? {};
  // Branding colors were checked to be hex values when the template was read.
  const vars = [['--primary', colors.primary], ['--page', colors.pageBackground], ['--form', colors.formBackground]]
    .filter(([, v]) => v).map(([k, v]) => `${k}: ${v};`).join(' ');
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · ${frame.appName}</title>
<link rel="stylesheet" href="${baseHref}/${STYLESHEET}">
${vars ? html`<style nonce="${nonce}">:root { ${vars} }</style>` : ''}
</head>
<body>
<header>${frame.appName}<small>Cognito sandbox · local sign-in</small></header>
<main>
${frame.branding?.logo ? html`<img class="logo" alt="" src="${frame.branding.logo}">` : ''}
<h1>${frame.title}</h1>
${frame.error ? html`<div class="alert error" role="alert">${frame.error}</div>` : ''}
${frame.notice ? html`<div class="alert notice" role="status">${frame.notice}</div>` : ''}
${content}
</main>
<footer>Served by the local Cognito sandbox · codes go to the sandbox outbox</footer>
</body>
</html>`;
  const targets = formTargets.map(t => ` ${t}`).join('');
  const csp = `default-src 'none'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'${targets}; `
    + 'frame-ancestors \'none\'; base-uri \'none\'';
  return { body: body.text, csp };
}
