// The browser app of the passkey suite, bundled by esbuild: Amplify JS v6 configured from
// amplify_outputs.json plus the sandbox endpoint (in the page's #outputs element). The test drives
// it through window.passkeys; Chromium's virtual authenticator answers navigator.credentials.
import {
  associateWebAuthnCredential, deleteWebAuthnCredential, fetchAuthSession, listWebAuthnCredentials, signIn, signOut,
} from '@aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from '@aws-amplify/auth/cognito';
import { Amplify } from '@aws-amplify/core';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';

const { outputs, endpoint } = JSON.parse(document.getElementById('outputs').textContent);
const parsed = parseAmplifyConfig(outputs);
const auth = { Cognito: { ...parsed.Auth.Cognito, userPoolEndpoint: endpoint } };
cognitoUserPoolsTokenProvider.setAuthConfig(auth);
Amplify.configure({ ...parsed, Auth: auth }, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });

const idTokenEmail = async () => (await fetchAuthSession()).tokens?.idToken?.payload.email;

window.passkeys = {
  async signInWithPassword(username, password) {
    const result = await signIn({ username, password, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } });
    return { step: result.nextStep.signInStep, email: await idTokenEmail() };
  },
  async register() {
    await associateWebAuthnCredential();
    return (await listWebAuthnCredentials()).credentials;
  },
  async signInWithPasskey(username) {
    const result = await signIn({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    return { step: result.nextStep.signInStep, email: await idTokenEmail() };
  },
  async remove(credentialId) {
    await deleteWebAuthnCredential({ credentialId });
    return (await listWebAuthnCredentials()).credentials;
  },
  signOut: () => signOut(),
};
document.getElementById('status').textContent = 'ready';
