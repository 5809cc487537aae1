import { randomToken } from '../../crypto/ids';
import { AuthorizeRequest } from '../oauth/authorize-request';

/** A sign-in on the pages between two challenges: kept server-side, found by an HttpOnly cookie. */
export interface PageFlow {
  readonly id: string;
  readonly domain: string;
  readonly authorize: AuthorizeRequest;
  /** The authorize parameters as the pages carry them (for "start over" links). */
  readonly query: string;
  challenge?: {
    readonly name: string;
    readonly session: string;
    readonly params: Record<string, string>;
  };
  /** The TOTP secret being enrolled (MFA_SETUP), with the session AssociateSoftwareToken returned. */
  totp?: { readonly secret: string; session: string };
  readonly expiresAt: number;
}

/** A page flow lives at most as long as a user might take; each Cognito session inside expires sooner. */
const FLOW_VALIDITY_MS = 15 * 60 * 1000;

export class PageFlows {
  private readonly flows = new Map<string, PageFlow>();

  constructor(private readonly now: () => number) {}

  start(domain: string, authorize: AuthorizeRequest, query: string): PageFlow {
    const now = this.now();
    for (const [id, f] of this.flows) if (f.expiresAt <= now) this.flows.delete(id);
    const flow: PageFlow = { id: randomToken(32), domain, authorize, query, expiresAt: now + FLOW_VALIDITY_MS };
    this.flows.set(flow.id, flow);
    return flow;
  }

  get(id: string | undefined, domain: string): PageFlow | undefined {
    const flow = id ? this.flows.get(id) : undefined;
    return flow && flow.domain === domain && flow.expiresAt > this.now() ? flow : undefined;
  }

  end(id: string): void {
    this.flows.delete(id);
  }
}
