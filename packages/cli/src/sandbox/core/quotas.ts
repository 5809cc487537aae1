/**
 * Cognito's API request-rate quotas (sandbox `--quotas`): the categories and their default rates in
 * requests per second, per account and Region, from the developer guide's table "Amazon Cognito user
 * pools per-category request rate quotas". Which operation counts in which category is
 * quota-operations.ts.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations
 */
import { closest } from './did-you-mean';

export const QUOTAS_DOC = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations';

/** Each category's default quota (requests per second), in the page's order. */
export const DEFAULT_QUOTA_RATES = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  ClientAuthentication: 150,
  LimitManagement: 1,
} as const;

export type QuotaCategory = keyof typeof DEFAULT_QUOTA_RATES;
export type QuotaRates = { readonly [C in QuotaCategory]: number };

export const QUOTA_CATEGORIES = Object.keys(DEFAULT_QUOTA_RATES) as QuotaCategory[];

/**
 * RespondToAuthChallenge and AdminRespondToAuthChallenge have an allowance of their own, three times
 * the UserAuthentication rate; responses beyond it count toward UserAuthentication (the page's
 * "special request rate handling").
 */
export const CHALLENGE_RESPONSE_FACTOR = 3;

/**
 * The message of Cognito's throttling answer (TooManyRequestsException, HTTP 400), as SDK users
 * report it from Cognito (e.g. boto/boto3#2517, aws-amplify/amplify-js#3554); the API reference
 * describes the exception as thrown "when the user has made too many requests for a given operation".
 */
export const RATE_EXCEEDED = 'Rate exceeded';

/** A `--quotas` file (or `quotas` option) the sandbox cannot use; the message names each entry and the fix. */
export class QuotaRatesError extends Error {
  public readonly name = 'QuotaRatesError';
}

const isCategory = (name: string): name is QuotaCategory => Object.prototype.hasOwnProperty.call(DEFAULT_QUOTA_RATES, name);

/**
 * The rates to enforce: `'default'` is Cognito's defaults; an object gives requests per second for
 * the categories it names (as a raised quota would), the others keep their defaults. Every problem
 * is reported at once.
 * @throws QuotaRatesError for anything but a JSON object of category names to whole numbers >= 1.
 */
export function quotaRates(input: unknown): QuotaRates {
  if (input === 'default') return { ...DEFAULT_QUOTA_RATES };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new QuotaRatesError(`give a JSON object of requests per second by category, e.g. {"UserAuthentication": 10}; got ${describe(input)}`);
  }
  const problems: string[] = [];
  const rates: Record<string, number> = { ...DEFAULT_QUOTA_RATES };
  for (const [name, rate] of Object.entries(input)) {
    if (!isCategory(name)) {
      const near = closest(name, QUOTA_CATEGORIES);
      problems.push(`unknown category '${name}'${near ? ` (did you mean ${near}?)` : ''}; the categories are ${QUOTA_CATEGORIES.join(', ')}`);
    } else if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1) {
      problems.push(`${name}: the rate must be a whole number of requests per second, at least 1 (Cognito's default is ${DEFAULT_QUOTA_RATES[name]}); got ${describe(rate)}`);
    } else {
      rates[name] = rate;
    }
  }
  if (problems.length) throw new QuotaRatesError(problems.join('; '));
  return rates as QuotaRates;
}

const describe = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
