import { html, Html } from './html';
import { PasswordPolicy } from '../../core/pool-config';

/** What every form needs: where it posts and its CSRF token. */
export interface FormTarget {
  readonly action: string;
  readonly csrf: string;
}

const csrfField = (t: FormTarget) => html`<input type="hidden" name="_csrf" value="${t.csrf}">`;
const form = (t: FormTarget, fields: Html | Html[], submit: string, extra: Html | string = '') =>
  html`<form method="post" action="${t.action}" autocomplete="on">${csrfField(t)}${fields}<button type="submit">${submit}</button>${extra}</form>`;

/**
 * A password field with its show-password button: hidden until the page's script (layout.ts) shows
 * it, so without scripts the field is a plain password field.
 */
const passwordField = (label: string, autocomplete: 'current-password' | 'new-password', autofocus = false) => html`<label for="password">${label}</label>
<div class="password"><input id="password" name="password" type="password" autocomplete="${autocomplete}" ${autofocus ? html`autofocus ` : ''}required><button
 type="button" class="show-password" data-show-password aria-controls="password" aria-pressed="false" aria-label="Show password" hidden>Show</button></div>`;

export interface ProviderButton {
  readonly label: string;
  readonly href: string;
}

export interface SignInOptions {
  readonly username?: string;
  readonly usernameLabel: string;
  readonly forgotHref: string;
  readonly signUpHref?: string;
  readonly providers: ProviderButton[];
  /** COGNITO is a supported provider of the client: the user name and password form shows. */
  readonly localSignIn: boolean;
}

export function signInView(t: FormTarget, o: SignInOptions) {
  const providers = o.providers.map(p => html`<form method="get" action="${p.href.split('?')[0]}">${hiddenQuery(p.href)}<button type="submit" class="secondary">Continue with ${p.label}</button></form>`);
  const local = o.localSignIn ? form(t, [
    html`<label for="username">${o.usernameLabel}</label><input id="username" name="username" type="text" autocomplete="username" autofocus required value="${o.username ?? ''}">`,
    passwordField('Password', 'current-password'),
  ], 'Sign in', html`<div class="links"><a href="${o.forgotHref}">Forgot your password?</a></div>`) : '';
  return html`<p class="lead">Sign in to your account</p>${local}
${providers.length && o.localSignIn ? html`<div class="divider">or</div>` : ''}${providers}
${o.signUpHref && o.localSignIn ? html`<div class="links">New user? <a href="${o.signUpHref}">Create an account</a></div>` : ''}`;
}

/** GET forms lose the action's query string, so its parameters travel as hidden fields. */
function hiddenQuery(href: string): Html[] {
  const query = href.includes('?') ? href.slice(href.indexOf('?') + 1) : '';
  return [...new URLSearchParams(query)].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
}

export interface SignUpField {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'email' | 'tel';
  readonly autocomplete: string;
}

export function signUpView(t: FormTarget, o: { fields: SignUpField[]; values: Record<string, string>; policy: PasswordPolicy; signInHref: string }) {
  return html`<p class="lead">Create an account</p>${form(t, [
    ...o.fields.map(f => html`<label for="${f.name}">${f.label}</label><input id="${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" required value="${o.values[f.name] ?? ''}">`),
    passwordField('Password', 'new-password'),
    html`<div class="hint">${passwordHint(o.policy)}</div>`,
  ], 'Sign up', html`<div class="links">Already have an account? <a href="${o.signInHref}">Sign in</a></div>`)}`;
}

export function passwordHint(p: PasswordPolicy): string {
  const needs = [p.requireLowercase && 'a lowercase letter', p.requireUppercase && 'an uppercase letter', p.requireNumbers && 'a number', p.requireSymbols && 'a symbol']
    .filter(Boolean) as string[];
  const list = needs.length > 1 ? `${needs.slice(0, -1).join(', ')} and ${needs[needs.length - 1]}` : needs[0];
  return `At least ${p.minimumLength} characters${list ? `, with ${list}` : ''}.`;
}

export function confirmSignUpView(t: FormTarget, o: { username: string; destination?: string; resend: FormTarget }) {
  return html`<p class="lead">${o.destination ? html`We sent a code to ${o.destination}.` : 'Enter the code we sent you.'} Enter it to confirm your account.</p>
${form(t, [
  html`<input type="hidden" name="username" value="${o.username}">`,
  html`<label for="code">Confirmation code</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus required>`,
], 'Confirm account')}
<form method="post" action="${o.resend.action}">${csrfField(o.resend)}<input type="hidden" name="username" value="${o.username}"><button type="submit" class="secondary">Send a new code</button></form>`;
}

export function forgotPasswordView(t: FormTarget, o: { usernameLabel: string; signInHref: string }) {
  return html`<p class="lead">We will send you a code to reset your password.</p>${form(t,
    html`<label for="username">${o.usernameLabel}</label><input id="username" name="username" type="text" autocomplete="username" autofocus required>`,
    'Send code', html`<div class="links"><a href="${o.signInHref}">Back to sign in</a></div>`)}`;
}

export function resetPasswordView(t: FormTarget, o: { username: string; destination?: string; policy: PasswordPolicy }) {
  return html`<p class="lead">${o.destination ? html`We sent a code to ${o.destination}.` : 'Enter the code we sent you.'}</p>${form(t, [
    html`<input type="hidden" name="username" value="${o.username}">`,
    html`<label for="code">Code</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus required>`,
    passwordField('New password', 'new-password'),
    html`<div class="hint">${passwordHint(o.policy)}</div>`,
  ], 'Reset password')}`;
}

const CODE_PROMPTS: Record<string, { lead: string; label: string; digits: number }> = {
  SOFTWARE_TOKEN_MFA: { lead: 'Enter the 6-digit code from your authenticator app.', label: 'Authenticator code', digits: 6 },
  SMS_MFA: { lead: 'We texted a code to DEST.', label: 'SMS code', digits: 6 },
  EMAIL_OTP: { lead: 'We emailed a code to DEST.', label: 'Email code', digits: 8 },
};

export function mfaCodeView(t: FormTarget, o: { challenge: string; destination?: string; restartHref: string }) {
  const prompt = CODE_PROMPTS[o.challenge];
  return html`<p class="lead">${prompt.lead.replace('DEST', o.destination ?? 'you')}</p>${form(t,
    html`<label for="code">${prompt.label}</label><input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="${prompt.digits}" autocomplete="one-time-code" autofocus required>`,
    'Sign in', html`<div class="links"><a href="${o.restartHref}">Start over</a></div>`)}`;
}

const MFA_NAMES: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'Authenticator app', SMS_MFA: 'Text message (SMS)', EMAIL_OTP: 'Email message' };

export function selectMfaView(t: FormTarget, o: { options: string[] }) {
  return html`<p class="lead">Choose how to get your sign-in code.</p>${form(t,
    o.options.map((m, i) => html`<label class="choice"><input type="radio" name="method" value="${m}" ${i === 0 ? html`checked` : ''}>${MFA_NAMES[m] ?? m}</label>`),
    'Continue')}`;
}

export function totpSetupView(t: FormTarget, o: { qrDataUrl: string; secret: string; account: string }) {
  const grouped = o.secret.replace(/(.{4})/g, '$1 ').trim();
  return html`<p class="lead">Your account needs an authenticator app. Scan the code with it, or enter the secret key, then type the 6-digit code it shows.</p>
<img class="qr" alt="QR code for ${o.account}" src="${o.qrDataUrl}">
<label>Secret key</label><div class="secret" data-secret="${o.secret}">${grouped}</div>
${form(t, html`<label for="code">Code from your app</label><input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" required>`, 'Verify and sign in')}`;
}

export function newPasswordView(t: FormTarget, o: { required: SignUpField[]; policy: PasswordPolicy }) {
  return html`<p class="lead">Choose a new password to finish signing in.</p>${form(t, [
    passwordField('New password', 'new-password', true),
    html`<div class="hint">${passwordHint(o.policy)}</div>`,
    ...o.required.map(f => html`<label for="${f.name}">${f.label}</label><input id="${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" required>`),
  ], 'Set password and sign in')}`;
}

const TO_CHECK = {
  'callback': "Check the app client's callback URLs (CallbackURLs) and the request's redirect_uri.",
  'sign-out': "Check the app client's sign-out URLs (LogoutURLs) and the request's logout_uri.",
  'parameters': 'Check the request parameters.',
};

export function errorView(o: { error: string; message: string; check?: keyof typeof TO_CHECK }) {
  return html`<p class="lead">${o.message}</p><p class="hint">Error: <code>${o.error}</code>.${o.check ? ` ${TO_CHECK[o.check]}` : ''}</p>`;
}

export interface IdentityChoice {
  readonly subject: string;
  readonly label: string;
  readonly fields: Record<string, string>;
}

/** The stand-in upstream provider: the developer types a test identity or picks one used before. */
export interface ProviderOptions {
  readonly provider: string;
  readonly type: string;
  readonly fields: string[];
  readonly known: IdentityChoice[];
  readonly suggestedSubject: string;
}

export function providerView(t: FormTarget, o: ProviderOptions) {
  const subjectLabel = o.type === 'SAML' ? 'NameID (subject)' : 'sub (subject)';
  const known = o.known.length ? html`<div class="divider">test identities used before</div><ul class="identities">${o.known.map(k => html`<li><form method="post" action="${t.action}">${csrfField(t)}
<input type="hidden" name="sub" value="${k.subject}">${Object.entries(k.fields).map(([n, v]) => html`<input type="hidden" name="attr:${n}" value="${v}">`)}
<button type="submit">${k.label}</button></form></li>`)}</ul><div class="divider">or a new one</div>` : '';
  return html`<p class="lead">This page stands in for ${o.provider} (${o.type}). No request leaves your machine: type the identity ${o.provider} would return.</p>
${known}${form(t, [
  html`<label for="sub">${subjectLabel}</label><input id="sub" name="sub" type="text" required value="${o.suggestedSubject}">`,
  ...o.fields.map(f => html`<label for="attr-${f}">${f}</label><input id="attr-${f}" name="attr:${f}" type="text">`),
], `Sign in with ${o.provider}`)}`;
}
