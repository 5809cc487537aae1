import { EXPIRED_SESSION, INVALID_SESSION, notAuthorized } from '../core/errors';
import { randomToken, uuid } from '../crypto/ids';
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
 * Records a pool keeps at most, of each kind: sign-in starts need no credentials, so without a bound
 * anyone could fill memory with them. The oldest are evicted first (Cognito documents no such
 * number; a sandbox on a laptop never has this many sign-ins in flight).
 */
export const MAX_SESSIONS_PER_POOL = 10_000;

/** Authorization codes work once and for five minutes (Cognito's authorization endpoint). */
export const CODE_VALIDITY_MS = 5 * 60 * 1000;
/** Managed login keeps a browser signed in for an hour (its `cognito` session cookie). */
export const SSO_VALIDITY_MS = 60 * 60 * 1000;
/** A sign-in on the hosted pages lives at most as long as a user might take; each session inside expires sooner. */
export const FLOW_VALIDITY_MS = 15 * 60 * 1000;

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
 * A sign-in on the hosted pages between two challenges, found by an HttpOnly cookie. It points at
 * the API session of its current challenge (`challenge.session`, an {@link AuthSession} id): the
 * pages answer challenges through that session, under the session's own expiry and one-use rule.
 */
export interface HostedFlow<Authorize extends object = object> {
  readonly id: string;
  readonly poolId: string;
  readonly domain: string;
  /** The checked authorize request the flow ends in (hosted/oauth's AuthorizeRequest). */
  readonly authorize: Authorize;
  /** The authorize parameters as the pages carry them (for "start over" links). */
  readonly query: string;
  challenge?: {
    readonly name: string;
    /** The current API session: every step replaces it, as every RespondToAuthChallenge does. */
    session: string;
    readonly params: Record<string, string>;
  };
  /** The TOTP secret being enrolled (MFA_SETUP); AssociateSoftwareToken's session replaces `challenge.session`. */
  totpSecret?: string;
  readonly expiresAt: number;
}

/**
 * The one rule for sign-in state kept between requests: opaque ids, an expiry, one use where the
 * caller takes a record, and a bound per pool (expired records are dropped from the old end first,
 * then the oldest live ones beyond the bound).
 */
export class SignInRecords<T extends { readonly poolId: string; readonly expiresAt: number }> {
  private readonly records = new Map<string, T>();
  /** Ids per pool, oldest first (a Set keeps insertion order). */
  private readonly byPool = new Map<string, Set<string>>();

  constructor(private readonly now: () => number, private readonly newId: () => string, private readonly maxPerPool = MAX_SESSIONS_PER_POOL) {}

  /** Stores a record (its id from `id`, given the new id) and returns the id. */
  add(make: (id: string) => T): string {
    const id = this.newId();
    const record = make(id);
    const ids = this.poolIds(record.poolId);
    this.evict(ids);
    this.records.set(id, record);
    ids.add(id);
    return id;
  }

  /** Puts a taken record back under its id (a claim given back, see Sessions.restore). */
  restore(id: string, record: T): void {
    if (this.records.has(id) || !this.isLive(record)) return;
    this.records.set(id, record);
    this.poolIds(record.poolId).add(id);
  }

  /** The record, live or expired (expiry is the caller's to report); undefined when unknown or ended. */
  find(id: string | undefined): T | undefined {
    return id ? this.records.get(id) : undefined;
  }

  isLive(record: T): boolean {
    return record.expiresAt > this.now();
  }

  /** The live record; an expired one is ended. */
  live(id: string | undefined): T | undefined {
    const record = this.find(id);
    if (!record) return undefined;
    if (this.isLive(record)) return record;
    this.end(id!);
    return undefined;
  }

  /** One use: ends the record, whatever it is, and returns it if it was live. */
  take(id: string | undefined): T | undefined {
    const record = this.find(id);
    if (record) this.end(id!);
    return record && this.isLive(record) ? record : undefined;
  }

  end(id: string | undefined): void {
    const record = this.find(id);
    if (!record) return;
    this.records.delete(id!);
    this.byPool.get(record.poolId)?.delete(id!);
  }

  /** Records of a pool (expired ones included until they are swept). */
  size(poolId: string): number {
    return this.byPool.get(poolId)?.size ?? 0;
  }

  private poolIds(poolId: string): Set<string> {
    let ids = this.byPool.get(poolId);
    if (!ids) {
      ids = new Set();
      this.byPool.set(poolId, ids);
    }
    return ids;
  }

  private evict(ids: Set<string>): void {
    for (const id of ids) {
      const record = this.records.get(id);
      if (ids.size < this.maxPerPool && record && this.isLive(record)) break;
      this.end(id);
    }
  }
}

/**
 * The sandbox's one sign-in state, for the API and the hosted pages alike: challenge sessions (the
 * API's opaque, one-time, expiring `Session` strings, bound to a user and an app client), the hosted
 * pages' flows (which point at those sessions), authorization codes, and signed-in browsers. All
 * are kept in memory under {@link SignInRecords}' rule: a restart ends sign-ins, voids codes and
 * signs browsers out.
 */
export class Sessions {
  private readonly sessions: SignInRecords<AuthSession>;
  private readonly flows: SignInRecords<HostedFlow>;
  private readonly codes: SignInRecords<AuthorizationGrant & { readonly expiresAt: number }>;
  private readonly sso: SignInRecords<SsoSession>;

  constructor(private readonly now: () => number, maxPerPool = MAX_SESSIONS_PER_POOL) {
    this.sessions = new SignInRecords(now, () => randomToken(144), maxPerPool);
    this.flows = new SignInRecords(now, () => randomToken(32), maxPerPool);
    this.codes = new SignInRecords(now, uuid, maxPerPool);
    this.sso = new SignInRecords(now, uuid, maxPerPool);
  }

  create(session: Omit<AuthSession, 'failures'>): string {
    return this.sessions.add(() => ({ ...session, failures: 0 }));
  }

  /** Live sessions of a pool (expired ones included until they are swept). */
  size(poolId: string): number {
    return this.sessions.size(poolId);
  }

  /** Returns the live session for this client without consuming it, or throws NotAuthorized. */
  get(id: string | undefined, clientId: string | undefined, challenge?: string): AuthSession {
    const session = this.sessions.find(id);
    if (!session || (clientId !== undefined && session.clientId !== clientId) || (challenge && session.challenge !== challenge)) {
      throw notAuthorized(INVALID_SESSION);
    }
    if (!this.sessions.live(id)) throw notAuthorized(EXPIRED_SESSION);
    return session;
  }

  /** Ends a session: every successful step hands out a new one, so none can be replayed. */
  consume(id: string): void {
    this.sessions.end(id);
  }

  /**
   * Gives a consumed session back while it lives: its step claimed it before slow work that then
   * refused the answer in a way the user may retry on the same session (a new password the history
   * refuses, as the policy's refusal does before the claim).
   */
  restore(id: string, session: AuthSession): void {
    this.sessions.restore(id, session);
  }

  /** Counts a wrong code; the session dies after MAX_CODE_FAILURES. */
  recordFailure(id: string): void {
    const session = this.sessions.find(id);
    if (session && ++session.failures >= MAX_CODE_FAILURES) this.consume(id);
  }

  /** Starts a sign-in on the hosted pages of `domain`; its cookie carries the returned flow's id. */
  startFlow<A extends object>(flow: Omit<HostedFlow<A>, 'id' | 'expiresAt'>): HostedFlow<A> {
    const id = this.flows.add(newId => ({ ...flow, id: newId, expiresAt: this.now() + FLOW_VALIDITY_MS }));
    return this.flows.find(id) as HostedFlow<A>;
  }

  /** The live flow of this domain the cookie names, if any. */
  flow<A extends object>(id: string | undefined, domain: string): HostedFlow<A> | undefined {
    const flow = this.flows.find(id);
    return flow && flow.domain === domain && this.flows.live(id) ? flow as HostedFlow<A> : undefined;
  }

  /** Ends a flow and the API session it was on, so neither can be used again. */
  endFlow(id: string): void {
    const session = this.flows.find(id)?.challenge?.session;
    if (session) this.consume(session);
    this.flows.end(id);
  }

  issueCode(grant: AuthorizationGrant): string {
    return this.codes.add(() => ({ ...grant, expiresAt: this.now() + CODE_VALIDITY_MS }));
  }

  /** Takes a code out: it is spent by any attempt to redeem it, right or wrong. */
  redeemCode(code: string): AuthorizationGrant | undefined {
    return this.codes.take(code);
  }

  startSso(session: Omit<SsoSession, 'expiresAt'>): string {
    return this.sso.add(() => ({ ...session, expiresAt: this.now() + SSO_VALIDITY_MS }));
  }

  ssoSession(id: string | undefined, domain: string): SsoSession | undefined {
    const session = this.sso.find(id);
    if (!session || session.domain !== domain) return undefined;
    return this.sso.live(id);
  }

  endSso(id: string | undefined): void {
    this.sso.end(id);
  }
}
