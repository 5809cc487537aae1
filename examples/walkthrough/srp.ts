/**
 * Promise wrappers around amazon-cognito-identity-js, the library browsers use for SRP sign-in.
 * Shared by the walkthrough, the flow suite and the sandbox's SRP tests.
 */
// eslint-disable-next-line import/no-extraneous-dependencies -- examples/ are dev-time code
import {
  AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, CognitoUserSession, ICognitoStorage,
} from 'amazon-cognito-identity-js';

/** Browser-like storage where the SDK keeps tokens and the device key/secret (for this process only). */
export class MemoryStorage implements ICognitoStorage {
  private readonly data = new Map<string, string>();
  setItem(key: string, value: string) { this.data.set(key, value); }
  getItem(key: string) { return this.data.get(key) ?? null; }
  removeItem(key: string) { this.data.delete(key); }
  clear() { this.data.clear(); }
}

export type SignInOutcome =
  | { readonly kind: 'success'; readonly session: CognitoUserSession; readonly deviceConfirmationNeeded: boolean }
  | { readonly kind: 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'SELECT_MFA_TYPE' | 'NEW_PASSWORD_REQUIRED' | 'CUSTOM_CHALLENGE' };

/** A Cognito error as the SDK reports it: `code` is the exception name. */
export interface CognitoSdkError extends Error {
  readonly code?: string;
}

export const errorCode = (e: unknown): string | undefined => (e as CognitoSdkError)?.code ?? (e as CognitoSdkError)?.name;

export class SrpSession {
  readonly storage = new MemoryStorage();
  readonly pool: CognitoUserPool;

  /** `endpoint`: a local sandbox; omitted, the SDK uses Cognito's regional endpoint. */
  constructor(userPoolId: string, clientId: string, endpoint?: string) {
    // The SDK appends nothing to the endpoint: it must end with '/'.
    const url = endpoint && !endpoint.endsWith('/') ? `${endpoint}/` : endpoint;
    this.pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: url, Storage: this.storage });
  }

  user(username: string): CognitoUser {
    return new CognitoUser({ Username: username, Pool: this.pool, Storage: this.storage });
  }

  signUp(email: string, password: string): Promise<void> {
    return new Promise((resolve, reject) => this.pool.signUp(email, password, [new CognitoUserAttribute({ Name: 'email', Value: email })], [],
      err => (err ? reject(err) : resolve())));
  }

  confirmSignUp(email: string, code: string): Promise<void> {
    return new Promise((resolve, reject) => this.user(email).confirmRegistration(code, true, err => (err ? reject(err) : resolve())));
  }

  resendCode(email: string): Promise<void> {
    return new Promise((resolve, reject) => this.user(email).resendConfirmationCode(err => (err ? reject(err) : resolve())));
  }

  signIn(user: CognitoUser, password: string): Promise<SignInOutcome> {
    return new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), callbacks(resolve, reject)));
  }

  sendTotp(user: CognitoUser, code: string): Promise<SignInOutcome> {
    return new Promise((resolve, reject) => user.sendMFACode(code, callbacks(resolve, reject), 'SOFTWARE_TOKEN_MFA'));
  }

  /** AssociateSoftwareToken with the MFA_SETUP session; returns the base32 secret. */
  associateSoftwareToken(user: CognitoUser): Promise<string> {
    return new Promise((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
  }

  /** VerifySoftwareToken, then the SDK answers MFA_SETUP and the sign-in completes. */
  verifySoftwareToken(user: CognitoUser, code: string, deviceName: string): Promise<CognitoUserSession> {
    return new Promise((resolve, reject) => user.verifySoftwareToken(code, deviceName, { onSuccess: resolve, onFailure: reject }));
  }

  rememberDevice(user: CognitoUser): Promise<void> {
    return new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: () => resolve(), onFailure: reject }));
  }
}

function callbacks(resolve: (o: SignInOutcome) => void, reject: (e: unknown) => void) {
  return {
    onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
      resolve({ kind: 'success', session, deviceConfirmationNeeded: userConfirmationNecessary === true }),
    onFailure: reject,
    mfaSetup: () => resolve({ kind: 'MFA_SETUP' }),
    totpRequired: () => resolve({ kind: 'SOFTWARE_TOKEN_MFA' }),
    mfaRequired: () => resolve({ kind: 'SMS_MFA' }),
    selectMFAType: () => resolve({ kind: 'SELECT_MFA_TYPE' }),
    newPasswordRequired: () => resolve({ kind: 'NEW_PASSWORD_REQUIRED' }),
    customChallenge: () => resolve({ kind: 'CUSTOM_CHALLENGE' }),
  };
}
