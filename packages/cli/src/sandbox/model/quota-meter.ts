/**
 * The sandbox's quota mode (`--quotas`): counts API calls per quota category on the sandbox's clock
 * and says whether each is within its category's rate. The server asks before it runs an operation
 * (server/quota-admission.ts) and answers TooManyRequestsException when not.
 *
 * How a "requests per second" quota is enforced is not documented (Cognito likely allows short
 * bursts, as AWS token buckets do). The sandbox's choice, strict and predictable: at most `rate`
 * calls of a category are admitted within one whole second of the sandbox's clock
 * (floor(now / 1000)); the next one in that second is throttled, and a new second starts afresh.
 * A throttled call uses no capacity. Counting follows the injected clock only, so a test on a fixed
 * clock sees the same answers on any machine.
 */
import { CHALLENGE_RESPONSES, CODE_REDEMPTIONS, QuotaCounter } from '../core/quota-operations';
import { CHALLENGE_RESPONSE_FACTOR, QUOTA_CATEGORIES, QuotaCategory, QuotaRates } from '../core/quotas';

/** What the app did in one category: the exit report's row. */
export interface QuotaUsage {
  /** The category, or 'UserAuthentication challenge responses' for their own allowance. */
  readonly category: string;
  /** Requests per second the category admits. */
  readonly quota: number;
  /** The most calls made (admitted or not) within one second of the sandbox's clock. */
  readonly peakPerSecond: number;
  readonly calls: number;
  readonly throttled: number;
}

/** One category's count: calls in the current second, and totals. */
class RateCounter {
  private second = Number.NaN;
  private inSecond = 0;
  private admittedInSecond = 0;
  peak = 0;
  calls = 0;
  throttled = 0;

  constructor(readonly quota: number) {}

  /** Counts a call in `second`; true while the second has room for it. */
  count(second: number): boolean {
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
      this.admittedInSecond = 0;
    }
    this.calls++;
    this.inSecond++;
    this.peak = Math.max(this.peak, this.inSecond);
    return this.admittedInSecond < this.quota;
  }

  admit(): true {
    this.admittedInSecond++;
    return true;
  }

  refuse(): false {
    this.throttled++;
    return false;
  }
}

export class QuotaMeter {
  private readonly counters: ReadonlyMap<QuotaCategory, RateCounter>;
  private readonly challengeResponses: RateCounter;
  private readonly codeRedemptions: RateCounter;

  constructor(rates: QuotaRates, private readonly now: () => number) {
    this.counters = new Map(QUOTA_CATEGORIES.map(c => [c, new RateCounter(rates[c])]));
    this.challengeResponses = new RateCounter(rates.UserAuthentication * CHALLENGE_RESPONSE_FACTOR);
    this.codeRedemptions = new RateCounter(rates.UserAuthentication);
  }

  /** Counts a call of `category`; false when the category's rate is spent for this second (throttle it). */
  admit(category: QuotaCounter): boolean {
    const second = Math.floor(this.now() / 1000);
    if (category === CODE_REDEMPTIONS) {
      const allocation = this.codeRedemptions;
      return allocation.count(second) ? allocation.admit() : allocation.refuse();
    }
    if (category === CHALLENGE_RESPONSES) {
      const allowance = this.challengeResponses;
      if (allowance.count(second)) return allowance.admit();
      // Beyond the allowance a response counts toward UserAuthentication.
      if (this.admitIn('UserAuthentication', second)) return true;
      return allowance.refuse();
    }
    return this.admitIn(category, second);
  }

  private admitIn(category: QuotaCategory, second: number): boolean {
    const counter = this.counters.get(category)!;
    return counter.count(second) ? counter.admit() : counter.refuse();
  }

  /** Every category the app called, in the quotas page's order. */
  usage(): QuotaUsage[] {
    const rows = [...this.counters].map(([category, c]) => row(category, c));
    const authentication = rows.findIndex(r => r.category === 'UserAuthentication');
    rows.splice(authentication + 1, 0, row(CHALLENGE_RESPONSES, this.challengeResponses), row(CODE_REDEMPTIONS, this.codeRedemptions));
    return rows.filter(r => r.calls > 0);
  }
}

const row = (category: string, c: RateCounter): QuotaUsage =>
  ({ category, quota: c.quota, peakPerSecond: c.peak, calls: c.calls, throttled: c.throttled });

/** The exit report: one line per category called, `!` where the peak reached the quota. */
export function quotaReport(usage: readonly QuotaUsage[]): string[] {
  const header = 'Quota report (--quotas): peak calls in one second of the sandbox clock, against each category\'s quota';
  if (usage.length === 0) return [header, '  no API calls were made'];
  const width = Math.max(...usage.map(u => u.category.length));
  const lines = usage.map(u => {
    const mark = u.peakPerSecond > u.quota ? `  ! over quota: ${u.throttled} throttled` : u.peakPerSecond === u.quota ? '  ! at quota' : '';
    return `  ${u.category.padEnd(width)}  peak ${String(u.peakPerSecond).padStart(5)}/s  quota ${String(u.quota).padStart(5)}/s  calls ${u.calls}${mark}`;
  });
  return [header, ...lines];
}
