// Amplify's <Authenticator> configured from amplify_outputs.json plus the sandbox's endpoint (Amplify's
// `Auth.Cognito.userPoolEndpoint`; the outputs file names none). The signed-in view has what the
// Authenticator lacks: add and verify a phone number, prefer SMS MFA, register a passkey, sign out.
import '@aws-amplify/ui-react/styles.css';
import { Authenticator } from '@aws-amplify/ui-react';
import { Amplify } from 'aws-amplify';
import {
  associateWebAuthnCredential, confirmUserAttribute, fetchUserAttributes, updateMFAPreference, updateUserAttribute,
} from 'aws-amplify/auth';
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';

const [outputs, sandbox] = await Promise.all(['/amplify_outputs.json', '/sandbox.json'].map(u => fetch(u).then(r => r.json())));
Amplify.configure(outputs);
const config = Amplify.getConfig();
Amplify.configure({ ...config, Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: sandbox.endpoint } } });

/** Runs one account action and shows its outcome in #account-status, where the test reads it. */
function useAction() {
  const [status, setStatus] = useState('');
  const run = (name, fn) => async () => {
    setStatus(`${name}: working`);
    try {
      setStatus(`${name}: ${JSON.stringify(await fn() ?? 'done')}`);
    } catch (e) {
      setStatus(`${name}: error ${e.name}: ${e.message}`);
    }
  };
  return [status, run];
}

function Account({ user, signOut }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [status, run] = useAction();
  const input = (id, value, set) => h('input', { id, value, onChange: e => set(e.target.value) });
  return h('main', { style: { padding: 24, fontFamily: 'sans-serif' } },
    h('h2', { id: 'signed-in' }, `Signed in as ${user.signInDetails?.loginId ?? user.username}`),
    h('p', null, 'Phone ', input('phone', phone, setPhone), ' ',
      h('button', { id: 'add-phone', onClick: run('add-phone', () => updateUserAttribute({ userAttribute: { attributeKey: 'phone_number', value: phone } })) }, 'Add phone')),
    h('p', null, 'Code ', input('phone-code', code, setCode), ' ',
      h('button', { id: 'verify-phone', onClick: run('verify-phone', () => confirmUserAttribute({ userAttributeKey: 'phone_number', confirmationCode: code })) }, 'Verify phone')),
    h('p', null,
      h('button', { id: 'prefer-sms', onClick: run('prefer-sms', () => updateMFAPreference({ sms: 'PREFERRED', totp: 'ENABLED' })) }, 'Prefer SMS MFA'), ' ',
      h('button', { id: 'attributes', onClick: run('attributes', () => fetchUserAttributes()) }, 'Show attributes'), ' ',
      h('button', { id: 'add-passkey', onClick: run('add-passkey', () => associateWebAuthnCredential()) }, 'Add passkey')),
    h('pre', { id: 'account-status', style: { whiteSpace: 'pre-wrap' } }, status),
    h('button', { id: 'sign-out', onClick: signOut }, 'Sign out'));
}

createRoot(document.getElementById('root')).render(
  h(Authenticator, { passwordless: sandbox.passwordless }, ({ user, signOut }) => h(Account, { user, signOut })),
);
