import { randomBytes } from 'crypto';
import { brandingCss, favicons, formLogo, headerLogo } from './branding-style';
import { html, Html, trusted } from './html';
import { BrandingConfig } from '../../core/pool-config';

/** What every page shows around its form. */
export interface PageFrame {
  readonly title: string;
  /** The app client's name (or the pool's) in the header and the tab title: never a raw logical ID. */
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

/**
 * Managed login (v2) look: a centered card on a soft background, the brand color on the primary
 * button. Every color is a CSS variable a branding style can set (branding-style.ts).
 */
const CSS = `
:root { --primary: #0972d3; --primary-text: #ffffff; --primary-hover: #033160; --primary-hover-text: #ffffff;
  --secondary: #ffffff; --secondary-border: var(--primary); --secondary-text: var(--primary);
  --page: #f2f3f3; --form: #ffffff; --form-border: transparent; --text: #16191f; --heading: var(--text); --muted: #5f6b7a;
  --link: var(--primary); --link-hover: var(--primary-hover); --input: #ffffff; --border: #8c8c94; --label: var(--text); --hint: var(--muted);
  --focus: var(--primary); --danger: #d91515; --error-bg: #fff7f7; --divider: #d1d5db; --header: #232f3e; --header-border: transparent;
  --radius-button: 20px; --radius-input: 8px; --radius-form: 16px; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; font: 15px/1.5 "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif; color: var(--text);
  background-color: var(--page); display: flex; flex-direction: column; align-items: center; }
header { width: 100%; display: flex; align-items: center; gap: 12px; padding: 14px 24px; background: var(--header); border-bottom: 1px solid var(--header-border);
  color: #fff; font-weight: 700; letter-spacing: .2px; }
header small { font-weight: 400; opacity: .75; }
.header-logo { max-height: 32px; max-width: 160px; }
main { width: 100%; max-width: 420px; margin: 48px 16px; background: var(--form); border: 1px solid var(--form-border); border-radius: var(--radius-form);
  padding: 32px 32px 24px; box-shadow: 0 1px 1px rgba(0,28,36,.3), 0 1px 8px 2px rgba(0,28,36,.15); }
.logo { display: block; max-height: 56px; max-width: 200px; margin: 0 auto 16px; }
h1 { font-size: 24px; margin: 0 0 4px; text-align: center; color: var(--heading); }
p.lead { margin: 0 0 20px; text-align: center; color: var(--muted); }
label { display: block; font-weight: 700; margin: 14px 0 4px; font-size: 14px; color: var(--label); }
input[type=text], input[type=email], input[type=password], input[type=tel], input:not([type]) { width: 100%; padding: 8px 12px;
  border: 2px solid var(--border); border-radius: var(--radius-input); font-size: 15px; background: var(--input); color: var(--text); }
input:focus { outline: none; border-color: var(--focus); box-shadow: 0 0 0 2px rgba(9,114,211,.25); }
.hint { color: var(--hint); font-size: 13px; margin-top: 4px; }
button { width: 100%; margin-top: 20px; padding: 10px 16px; border-radius: var(--radius-button); border: 2px solid var(--primary);
  background: var(--primary); color: var(--primary-text); font-weight: 700; font-size: 15px; cursor: pointer; }
button:hover { background: var(--primary-hover); border-color: var(--primary-hover); color: var(--primary-hover-text); }
button.secondary { background: var(--secondary); border-color: var(--secondary-border); color: var(--secondary-text); margin-top: 10px; }
.password { position: relative; }
.password input { padding-right: 72px; }
button.show-password { position: absolute; right: 6px; top: 50%; transform: translateY(-50%); width: auto; margin: 0; padding: 4px 10px;
  border: none; border-radius: 6px; background: transparent; color: var(--link); font-size: 13px; }
button.show-password:focus-visible { outline: 2px solid var(--focus); }
button.show-password[hidden] { display: none; }
.links { margin-top: 18px; text-align: center; font-size: 14px; }
.links a { color: var(--link); text-decoration: none; font-weight: 700; }
.links a:hover { color: var(--link-hover); }
.divider { display: flex; align-items: center; gap: 10px; color: var(--muted); margin: 22px 0 6px; font-size: 13px; }
.divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid var(--divider); }
.alert { border-radius: 8px; padding: 10px 14px; margin-bottom: 12px; font-size: 14px; }
.alert.error { background: var(--error-bg); border: 2px solid var(--danger); color: var(--text); }
.alert.notice { background: #f2f8fd; border: 2px solid var(--primary); color: #00142b; }
.qr { display: block; margin: 8px auto; width: 200px; height: 200px; image-rendering: pixelated; }
.secret { font-family: Menlo, Consolas, monospace; font-size: 15px; letter-spacing: 1px; word-spacing: 4px; background: #f4f4f4; color: #16191f;
  border-radius: 8px; padding: 10px; text-align: center; }
.choice { display: flex; align-items: center; gap: 10px; border: 2px solid var(--divider); border-radius: 8px; padding: 10px 12px; margin-top: 10px; font-weight: 400; }
.choice input { margin: 0; }
ul.identities { list-style: none; padding: 0; margin: 0; }
ul.identities li form button { text-align: left; border-radius: 8px; background: var(--input); color: var(--text); border-color: var(--divider); font-weight: 400; }
footer { color: var(--muted); font-size: 12px; margin-bottom: 24px; text-align: center; }
`;

/**
 * The show-password buttons (views.ts puts one, hidden, after each password field): shown only
 * where this script runs, they switch the field between text and password, say so to screen
 * readers (aria-pressed), and hide the password again before the form is posted.
 */
const SHOW_PASSWORD_JS = `'use strict';
document.querySelectorAll('button[data-show-password]').forEach(function (button) {
  var input = document.getElementById(button.getAttribute('aria-controls'));
  if (!input) return;
  var set = function (show) {
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(show));
    button.setAttribute('aria-label', show ? 'Hide password' : 'Show password');
    button.textContent = show ? 'Hide' : 'Show';
  };
  button.hidden = false;
  button.addEventListener('click', function () { set(input.type === 'password'); input.focus(); });
  if (input.form) input.form.addEventListener('submit', function () { set(false); });
});
`;

/** Stylesheet and script URL paths, relative to a domain; served with the pages. */
export const STYLESHEET = 'assets/managed-login.css';
export const SHOW_PASSWORD_SCRIPT = 'assets/show-password.js';
export const stylesheet = () => CSS;
export const showPasswordScript = () => SHOW_PASSWORD_JS;

/**
 * A page with the sandbox's frame; `formTargets` are the origins (besides self) a form may lead to,
 * e.g. after a redirect. Its CSP lets run only the sandbox's own script (by nonce) and styles.
 */
export function page(frame: PageFrame, content: Html, baseHref: string, formTargets: string[] = []): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const brandCss = brandingCss(frame.branding);
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · ${frame.appName}</title>
${favicons(frame.branding)}
<link rel="stylesheet" href="${baseHref}/${STYLESHEET}">
${brandCss ? html`<style nonce="${nonce}">${trusted(brandCss)}</style>` : ''}
</head>
<body>
<header>${headerLogo(frame.branding, '')}<span>${frame.appName}</span><small>Cognito sandbox · local sign-in</small></header>
<main>
${formLogo(frame.branding, frame.appName)}
<h1>${frame.title}</h1>
${frame.error ? html`<div class="alert error" role="alert">${frame.error}</div>` : ''}
${frame.notice ? html`<div class="alert notice" role="status">${frame.notice}</div>` : ''}
${content}
</main>
<footer>Served by the local Cognito sandbox · codes go to the sandbox outbox</footer>
<script nonce="${nonce}" src="${baseHref}/${SHOW_PASSWORD_SCRIPT}"></script>
</body>
</html>`;
  const targets = formTargets.map(t => ` ${t}`).join('');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; `
    + `form-action 'self'${targets}; frame-ancestors 'none'; base-uri 'none'`;
  return { body: body.text, csp };
}
