import { EXPIRED_SESSION, INVALID_SESSION, notAuthorized } from './errors';
import { randomToken } from './ids';
import { ServerEphemeral } from './srp';

/** Wrong codes a session tolerates before it is thrown away (as Cognito does). */
export const MAX_CODE_FAILURES = 5;

/** What a sign-in in progress remembers between challenges. */
export interface AuthSession {
  readonly poolId: string;
  readonly clientId: string;
  /** Internal username; empty for a decoy session of an unknown user (PreventUserExistenceErrors). */
  readonly username: string;
  readonly challenge: string;
  readonly expiresAt: number;
  readonly admin: boolean;
  readonly authTime?: number;
  failures: number;
  srp?: { readonly ephemeral: ServerEphemeral; readonly secretBlock: string; readonly a?: string };
  code?: { readonly code: string; readonly method: string; readonly expiresAt: number };
  deviceKey?: string;
  mfaDone?: boolean;
  totpSecret?: string;
  totpVerified?: boolean;
  clientMetadata?: Record<string, string>;
  /** The custom authentication flow so far (CUSTOM_AUTH). */
  custom?: CustomFlowState;
  /** A sign-in on the hosted pages: it ends in an authorization code, not tokens, and the API refuses it. */
  hosted?: boolean;
}

/** One entry of DefineAuthChallenge's `session`: a challenge and how it went. */
export interface CustomChallengeResult {
  readonly challengeName: string;
  readonly challengeResult: boolean;
  readonly challengeMetadata?: string;
}

export interface CustomFlowState {
  readonly results: CustomChallengeResult[];
  /** CreateAuthChallenge's private parameters, for VerifyAuthChallengeResponse. */
  readonly privateParameters: Record<string, string>;
  readonly metadata?: string;
}

/** Opaque, one-time, expiring session tokens bound to a user and an app client. */
export class Sessions {
  private readonly sessions = new Map<string, AuthSession>();

  constructor(private readonly now: () => number) {}

  create(session: Omit<AuthSession, 'failures'>): string {
    this.sweep();
    const id = randomToken(144);
    this.sessions.set(id, { ...session, failures: 0 });
    return id;
  }

  /** Returns the live session for this client without consuming it, or throws NotAuthorized. */
  get(id: string | undefined, clientId: string | undefined, challenge?: string): AuthSession {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || (clientId !== undefined && session.clientId !== clientId) || (challenge && session.challenge !== challenge)) {
      throw notAuthorized(INVALID_SESSION);
    }
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id!);
      throw notAuthorized(EXPIRED_SESSION);
    }
    return session;
  }

  /** Ends a session: every successful step hands out a new one, so none can be replayed. */
  consume(id: string): void {
    this.sessions.delete(id);
  }

  /** Counts a wrong code; the session dies after MAX_CODE_FAILURES. */
  recordFailure(id: string): void {
    const session = this.sessions.get(id);
    if (session && ++session.failures >= MAX_CODE_FAILURES) this.sessions.delete(id);
  }

  private sweep(): void {
    if (this.sessions.size < 1000) return;
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
