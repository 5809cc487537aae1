/** The quota table (core/quota-operations.ts): every operation the sandbox answers counts in one category. */
import { QuotaRatesError, startSandbox } from '../../src/sandbox';
import { categoryOf, CHALLENGE_RESPONSES, DOCUMENTED_CATEGORY_OPERATIONS, UNLISTED_OPERATION_CATEGORIES } from '../../src/sandbox/core/quota-operations';
import { DEFAULT_QUOTA_RATES, QUOTA_CATEGORIES, quotaRates } from '../../src/sandbox/core/quotas';
import { OPERATIONS } from '../../src/sandbox/operations';
import { synthPool } from '../support';

test('every sandbox operation has a quota category', () => {
  const missing = Object.keys(OPERATIONS).filter(name => categoryOf(name) === undefined);
  expect(missing).toEqual([]);
});

test("Cognito's table lists each operation once, and the sandbox's own choices only operations it does not list", () => {
  const documented = Object.values(DOCUMENTED_CATEGORY_OPERATIONS).flat();
  expect(new Set(documented).size).toBe(documented.length);
  for (const name of Object.keys(UNLISTED_OPERATION_CATEGORIES)) {
    expect(documented).not.toContain(name);
    expect(OPERATIONS).toHaveProperty(name);
  }
});

test("challenge responses take their allowance, except NEW_PASSWORD_REQUIRED (UserAccountRecovery, the page's note 1)", () => {
  for (const operation of ['RespondToAuthChallenge', 'AdminRespondToAuthChallenge']) {
    expect(categoryOf(operation, 'SOFTWARE_TOKEN_MFA')).toBe(CHALLENGE_RESPONSES);
    expect(categoryOf(operation, 'NEW_PASSWORD_REQUIRED')).toBe('UserAccountRecovery');
  }
  expect(categoryOf('InitiateAuth')).toBe('UserAuthentication');
  expect(categoryOf('AdminGetUser')).toBe('UserRead');
});

test("the defaults are the page's, and a rates object overrides only the categories it names", () => {
  expect(QUOTA_CATEGORIES).toHaveLength(18);
  expect(DEFAULT_QUOTA_RATES).toMatchObject({
    UserAuthentication: 120, UserCreation: 50, UserAccountRecovery: 30, UserRead: 120, UserUpdate: 25, ClientAuthentication: 150,
  });
  expect(quotaRates({ UserRead: 7 })).toEqual({ ...DEFAULT_QUOTA_RATES, UserRead: 7 });
  expect(() => quotaRates(null)).toThrow('give a JSON object of requests per second by category');
});

test('startSandbox refuses bad quotas before it listens, naming the category', async () => {
  const start = startSandbox({ template: synthPool({}), quotas: { UserAuth: 10 }, log: () => undefined });
  await expect(start).rejects.toThrow(QuotaRatesError);
  await expect(start).rejects.toThrow("unknown category 'UserAuth' (did you mean UserAuthentication?)");
});
