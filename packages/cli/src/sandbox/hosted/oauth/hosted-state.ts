import { uuid } from '../../crypto/ids';

/** Authorization codes work once and for five minutes (Cognito's authorization endpoint). */
export const CODE_VALIDITY_MS = 5 * 60 * 1000;
/** Managed login keeps a browser signed in for an hour (its `cognito` session cookie). */
export const SSO_VALIDITY_MS = 60 * 60 * 1000;

/** What an authorization code stands for, checked again when it is redeemed. */
export interface AuthorizationGrant {
  readonly poolId: string;
  readonly clientId: string;
  readonly username: string;
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  readonly authTime: number;
}

/** A browser signed in to a domain (managed login's session cookie). */
export interface SsoSession {
  readonly domain: string;
  readonly poolId: string;
  readonly username: string;
  readonly authTime: number;
  readonly expiresAt: number;
}

/**
 * The hosted sign-in's own state: authorization codes and signed-in browsers. Both are short-lived
 * and kept in memory, like the API's auth sessions: a restart signs browsers out and voids codes.
 */
export class HostedState {
  private readonly codes = new Map<string, AuthorizationGrant & { readonly expiresAt: number }>();
  private readonly sso = new Map<string, SsoSession>();

  constructor(private readonly now: () => number) {}

  issueCode(grant: AuthorizationGrant): string {
    this.sweep();
    const code = uuid();
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_VALIDITY_MS });
    return code;
  }

  /** Takes a code out: it is spent by any attempt to redeem it, right or wrong. */
  redeemCode(code: string): AuthorizationGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  startSso(session: Omit<SsoSession, 'expiresAt'>): string {
    const id = uuid();
    this.sso.set(id, { ...session, expiresAt: this.now() + SSO_VALIDITY_MS });
    return id;
  }

  ssoSession(id: string | undefined, domain: string): SsoSession | undefined {
    const session = id ? this.sso.get(id) : undefined;
    if (!session || session.domain !== domain) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sso.delete(id!);
      return undefined;
    }
    return session;
  }

  endSso(id: string | undefined): void {
    if (id) this.sso.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
    for (const [id, session] of this.sso) if (session.expiresAt <= now) this.sso.delete(id);
  }
}
