// The browser app of the Amplify redirect suite, bundled by esbuild: Amplify JS v6 configured from
// amplify_outputs.json (in the page's #outputs element), signInWithRedirect to the sandbox's hosted
// sign-in, the OAuth listener completing the code flow, then fetchAuthSession and signOut.
import '@aws-amplify/auth/enable-oauth-listener';
import { fetchAuthSession, getCurrentUser, signInWithRedirect, signOut } from '@aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from '@aws-amplify/auth/cognito';
import { Amplify, Hub } from '@aws-amplify/core';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';

const outputs = JSON.parse(document.getElementById('outputs').textContent);
const config = parseAmplifyConfig(outputs);
cognitoUserPoolsTokenProvider.setAuthConfig(config.Auth);
const status = document.getElementById('status');
const result = document.getElementById('result');

async function show() {
  try {
    const session = await fetchAuthSession();
    if (!session.tokens) {
      status.textContent = 'signed out';
      return;
    }
    const user = await getCurrentUser();
    result.textContent = JSON.stringify({ username: user.username, idToken: session.tokens.idToken.payload, accessToken: session.tokens.accessToken.payload }, null, 2);
    status.textContent = 'signed in';
  } catch (e) {
    status.textContent = `error: ${e.name}: ${e.message}`;
  }
}

Hub.listen('auth', ({ payload }) => {
  if (payload.event === 'signInWithRedirect') show();
  if (payload.event === 'signInWithRedirect_failure') status.textContent = `redirect failure: ${payload.data?.error?.message}`;
});
Amplify.configure(config, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });
document.getElementById('sign-in').addEventListener('click', () => signInWithRedirect());
document.getElementById('sign-out').addEventListener('click', () => signOut());
show();
