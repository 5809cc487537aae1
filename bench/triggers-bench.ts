/**
 * Benchmark of the built-in trigger handlers: in-process invocations per second (mfa-by-group with a
 * fake Cognito client) and the minified bundle sizes in assets/. Exits non-zero if a bundle is missing
 * or reaches 10 KB.
 *
 *   npx projen bundle && npx ts-node --project test/tsconfig.json bench/triggers-bench.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { QUICK } from './quick';
import * as customMessageEnv from '../src/triggers/custom-message/env-names';
import { createCustomMessageHandler } from '../src/triggers/custom-message/handler-logic';
import { setCognitoClientFactory } from '../src/triggers/mfa-by-group/cognito-client';
import * as mfaByGroupEnv from '../src/triggers/mfa-by-group/env-names';
import { createMfaByGroupHandler } from '../src/triggers/mfa-by-group/handler-logic';
import * as signUpGuardEnv from '../src/triggers/sign-up-guard/env-names';
import { createSignUpGuardHandler } from '../src/triggers/sign-up-guard/handler-logic';
import { customMessage, preSignUp, preTokenV1 } from '../test/triggers/support/events';
import { fakeCognito } from '../test/triggers/support/fake-cognito';

/** Every built-in trigger's environment variable names. */
const env = { ...mfaByGroupEnv, ...signUpGuardEnv, ...customMessageEnv };

const BUNDLE_LIMIT_BYTES = 10 * 1024;
const SECONDS_PER_CASE = QUICK ? 0.05 : 1;
const WARM_UP = QUICK ? 50 : 1_000;

interface Case {
  readonly name: string;
  readonly bundle: string;
  readonly run: () => Promise<unknown>;
}

async function invocationsPerSecond(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await run();
  let count = 0;
  const start = performance.now();
  const end = start + SECONDS_PER_CASE * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await run();
    count += 100;
  }
  return count / ((performance.now() - start) / 1000);
}

/** Where `npx projen bundle` writes a trigger's bundle (the construct's asset directory). */
const bundlePath = (name: string) => path.join(__dirname, '..', 'assets', 'triggers', name, `${name}.lambda`, 'index.js');

function bundleSize(name: string): number | undefined {
  const file = bundlePath(name);
  return fs.existsSync(file) ? fs.statSync(file).size : undefined;
}

function cases(): Case[] {
  process.env[env.MFA_REQUIRED_GROUPS] = '["admins"]';
  process.env[env.REQUIRE_PHONE_NUMBER] = 'true';
  process.env[env.ALLOWED_EMAIL_DOMAINS] = '["example.com"]';
  process.env[env.DENIED_EMAIL_DOMAINS] = '["contractors.example.com"]';
  process.env[env.CUSTOM_MESSAGE_CONFIG] = JSON.stringify({
    templates: { en: { SignUp: { subject: 'Welcome', message: 'Your code is {####}' } }, de: { SignUp: { message: 'Ihr Code: {####}' } } },
  });
  const withMfa = fakeCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
  const withoutMfa = fakeCognito({ mfa: [] });
  const mfaCached = createMfaByGroupHandler();
  const mfaUncached = createMfaByGroupHandler();
  const guard = createSignUpGuardHandler();
  const messages = createCustomMessageHandler();
  // Events are built once: the handlers write their response idempotently, so re-invoking on the
  // same object measures the handler, not the fixture builder.
  const notPrivileged = preTokenV1(['readers']);
  const privileged = preTokenV1(['admins', 'readers']);
  const privilegedNoMfa = preTokenV1(['admins', 'readers']);
  const signUp = preSignUp({ email: 'a@eu.example.com', phone_number: '+14155550100' });
  const message = customMessage('CustomMessage_SignUp', { locale: 'de-CH' });
  return [
    { name: 'mfa-by-group (not privileged)', bundle: 'mfa-by-group', run: () => mfaCached(notPrivileged) },
    { name: 'mfa-by-group (MFA, cached)', bundle: 'mfa-by-group', run: () => (setCognitoClientFactory(() => withMfa), mfaCached(privileged)) },
    {
      name: 'mfa-by-group (no MFA, fake AdminGetUser)',
      bundle: 'mfa-by-group',
      run: () => (setCognitoClientFactory(() => withoutMfa), mfaUncached(privilegedNoMfa)),
    },
    { name: 'sign-up-guard', bundle: 'sign-up-guard', run: () => guard(signUp) },
    { name: 'custom-message', bundle: 'custom-message', run: () => messages(message) },
  ];
}

async function main(): Promise<number> {
  const rows: string[][] = [['handler', 'inv/s', 'bundle bytes', 'bundle KB']];
  const failures: string[] = [];
  for (const c of cases()) {
    const rate = await invocationsPerSecond(c.run);
    const size = bundleSize(c.bundle);
    if (size === undefined) failures.push(`${c.bundle}: ${path.relative(process.cwd(), bundlePath(c.bundle))} is missing (run npx projen bundle)`);
    else if (size >= BUNDLE_LIMIT_BYTES) failures.push(`${c.bundle}: bundle is ${size} bytes, limit ${BUNDLE_LIMIT_BYTES}`);
    rows.push([c.name, Math.round(rate).toLocaleString('en-US'), size === undefined ? 'missing' : String(size), size === undefined ? '-' : (size / 1024).toFixed(2)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const failure of [...new Set(failures)]) console.error(`FAIL ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  code => process.exit(code),
  err => {
    console.error(err);
    process.exit(1);
  },
);
