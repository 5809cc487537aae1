import { EXPIRED_SESSION, INVALID_SESSION, notAuthorized } from '../core/errors';
import { randomToken } from '../crypto/ids';
import { ServerEphemeral } from '../crypto/srp';

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
  /** The WEB_AUTHN challenge's options: the assertion must sign this challenge for this relying party. */
  webAuthn?: { readonly challenge: string; readonly relyingPartyId: string };
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

/**
 * Sessions a pool keeps at most: sign-in starts need no credentials, so without a bound anyone
 * could fill memory with them. The oldest are evicted first (Cognito documents no such number;
 * a sandbox on a laptop never has this many sign-ins in flight).
 */
export const MAX_SESSIONS_PER_POOL = 10_000;

/** Opaque, one-time, expiring session tokens bound to a user and an app client. */
export class Sessions {
  private readonly sessions = new Map<string, AuthSession>();
  /** Session ids per pool, oldest first (a Set keeps insertion order). */
  private readonly byPool = new Map<string, Set<string>>();

  constructor(private readonly now: () => number, private readonly maxPerPool = MAX_SESSIONS_PER_POOL) {}

  create(session: Omit<AuthSession, 'failures'>): string {
    const ids = this.poolIds(session.poolId);
    this.evict(ids);
    const id = randomToken(144);
    this.sessions.set(id, { ...session, failures: 0 });
    ids.add(id);
    return id;
  }

  /** Live sessions of a pool (expired ones included until they are swept). */
  size(poolId: string): number {
    return this.byPool.get(poolId)?.size ?? 0;
  }

  /** Returns the live session for this client without consuming it, or throws NotAuthorized. */
  get(id: string | undefined, clientId: string | undefined, challenge?: string): AuthSession {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || (clientId !== undefined && session.clientId !== clientId) || (challenge && session.challenge !== challenge)) {
      throw notAuthorized(INVALID_SESSION);
    }
    if (session.expiresAt <= this.now()) {
      this.consume(id!);
      throw notAuthorized(EXPIRED_SESSION);
    }
    return session;
  }

  /** Ends a session: every successful step hands out a new one, so none can be replayed. */
  consume(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.byPool.get(session.poolId)?.delete(id);
  }

  /** Counts a wrong code; the session dies after MAX_CODE_FAILURES. */
  recordFailure(id: string): void {
    const session = this.sessions.get(id);
    if (session && ++session.failures >= MAX_CODE_FAILURES) this.consume(id);
  }

  private poolIds(poolId: string): Set<string> {
    let ids = this.byPool.get(poolId);
    if (!ids) {
      ids = new Set();
      this.byPool.set(poolId, ids);
    }
    return ids;
  }

  /** Drops expired sessions from the old end, then the oldest live ones beyond the bound. */
  private evict(ids: Set<string>): void {
    const now = this.now();
    for (const id of ids) {
      if (ids.size < this.maxPerPool && (this.sessions.get(id)?.expiresAt ?? 0) > now) break;
      this.consume(id);
    }
  }
}
