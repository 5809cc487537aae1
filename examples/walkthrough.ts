/**
 * Interactive walkthrough of the example user pool in the local sandbox: sign up, confirm the emailed code,
 * set up TOTP from a QR code, sign in with SRP + TOTP, read the token claims and remember the device.
 *
 * Terminal 1: `npx projen sandbox`
 * Terminal 2: `npx ts-node --project test/tsconfig.json examples/walkthrough.ts [--endpoint URL] [--template FILE]`
 */
import * as readline from 'readline';
import { Writable } from 'stream';
// examples/ are dev-time code (the repo's lint config only knows test/ as such).
// eslint-disable-next-line import/no-extraneous-dependencies
import { CognitoUser, CognitoUserSession } from 'amazon-cognito-identity-js';
import { poolFromTemplate } from './walkthrough/pool';
import { errorCode, SignInOutcome, SrpSession } from './walkthrough/srp';
import { buildTotpUri, renderTotpQr } from '../packages/cli/src/client/totp-setup';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787';
export const DEFAULT_TEMPLATE = 'examples/cdk.out/ExampleAuthStack.template.json';

export interface AskOptions {
  /** The answer is a secret (the password): a terminal must not echo it. */
  readonly hidden?: boolean;
}

export interface WalkthroughOptions {
  /** Asks the person a question and resolves with their answer (one line). */
  readonly ask: (question: string, options?: AskOptions) => Promise<string>;
  /** Prints one line (it may contain newlines, e.g. the QR code). Never given passwords, codes or tokens. */
  readonly out: (line: string) => void;
  /** The running sandbox. Default http://127.0.0.1:8787. */
  readonly endpoint?: string;
  /** The synthesized template the sandbox serves (its file name is the stack name the IDs derive from). */
  readonly template?: string;
  /** The sandbox's region (the CLI uses us-east-1). */
  readonly region?: string;
}

export interface WalkthroughResult {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly email: string;
  /** Whether this run enrolled TOTP (false when the user had already set it up in an earlier run). */
  readonly totpEnrolled: boolean;
  readonly claims: { readonly sub: string; readonly email: string; readonly groups: string[] };
  readonly deviceRemembered: boolean;
  /** A later sign-in with the remembered device succeeded without a TOTP code. */
  readonly signedInWithDevice: boolean;
}

const ATTEMPTS = 3;
const PASSWORD_RULES = 'at least 12 characters with upper and lower case letters, a digit and a symbol';

/** Runs the walkthrough against a running sandbox; resolves when the person is done. */
export async function runWalkthrough(options: WalkthroughOptions): Promise<WalkthroughResult> {
  const { ask, out } = options;
  const endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const pool = poolFromTemplate(options.template ?? DEFAULT_TEMPLATE, options.region);
  const srp = new SrpSession(pool.userPoolId, pool.clientId, endpoint);

  out(`Sandbox ${endpoint}: user pool ${pool.stackName}/${pool.logicalId} = ${pool.userPoolId}, app client ${pool.clientId}`);
  out('Step 1 of 5: sign up with an email address and a password.');
  const email = await askUntil(ask, out, 'Email address: ', answer => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answer) ? undefined : 'That does not look like an email address.'));

  let password = '';
  let alreadySignedUp = false;
  await retrying(out, async () => {
    password = await ask(`Password (${PASSWORD_RULES}): `, { hidden: true });
    try {
      await reachable(endpoint, () => srp.signUp(email, password));
    } catch (e) {
      if (errorCode(e) !== 'UsernameExistsException') throw e;
      alreadySignedUp = true;
    }
  }, ['InvalidPasswordException', 'InvalidParameterException']);

  if (alreadySignedUp) {
    out(`${email} is already signed up in this sandbox (its state outlives restarts): signing in with the password you gave.`);
  } else {
    await confirm(srp, ask, out, email);
  }

  out('Step 3 of 5: sign in with SRP (the password never leaves this process).');
  let user = srp.user(email);
  let first: SignInOutcome = { kind: 'MFA_SETUP' };
  await retrying(out, async () => {
    try {
      first = await srp.signIn(user, password);
    } catch (e) {
      if (errorCode(e) !== 'UserNotConfirmedException') throw e;
      out('This user has not confirmed the email yet: sending a new code.');
      await srp.resendCode(email);
      await confirm(srp, ask, out, email);
      first = await srp.signIn(user, password);
    }
  }, ['NotAuthorizedException'], async () => {
    password = await ask('Password: ', { hidden: true });
    user = srp.user(email);
  });

  let totpEnrolled = false;
  if (first.kind === 'MFA_SETUP') {
    out('The pool requires MFA and this user has none yet (MFA_SETUP): setting up an authenticator app.');
    const secret = await srp.associateSoftwareToken(user);
    const totp = { secret, issuer: pool.poolName, account: email };
    out('Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy, ...):');
    out(await renderTotpQr(totp, 'terminal'));
    out(`or add it by hand: ${buildTotpUri(totp)}`);
    await retrying(out, async () => {
      const code = await ask('6-digit code shown in the app: ');
      await srp.verifySoftwareToken(user, code.trim(), 'walkthrough');
    }, ['EnableSoftwareTokenMFAException', 'CodeMismatchException', 'InvalidParameterException']);
    totpEnrolled = true;
    out('TOTP is set up (VerifySoftwareToken succeeded, and MFA_SETUP completed the first sign-in).');
  } else if (first.kind !== 'SOFTWARE_TOKEN_MFA') {
    throw new Error(`The sign-in stopped at ${first.kind}; this walkthrough handles MFA_SETUP and SOFTWARE_TOKEN_MFA.`);
  } else {
    out('This user already has TOTP set up.');
  }

  out('Step 4 of 5: sign in as you would next time: password, then a code from the app (SOFTWARE_TOKEN_MFA).');
  const signedIn = await signInWithTotp(srp, ask, out, email, password, first.kind === 'SOFTWARE_TOKEN_MFA' ? user : undefined, totpEnrolled);
  const claims = claimsOf(signedIn.session);
  out('Signed in. ID token claims:');
  out(`  sub: ${claims.sub}`);
  out(`  email: ${claims.email}`);
  out(`  cognito:groups: ${claims.groups.length ? claims.groups.join(', ') : '(none)'}`);

  out('Step 5 of 5: remember this device (device tracking is on; the pool remembers a device only when the user agrees).');
  let deviceRemembered = false;
  let signedInWithDevice = false;
  if (!signedIn.deviceConfirmationNeeded) {
    out('The pool did not offer to remember this device.');
  } else if (/^y(es)?$/i.test((await ask('Remember this device, so it skips the code next time? [y/N] ')).trim())) {
    await srp.rememberDevice(signedIn.user);
    deviceRemembered = true;
    out('Device remembered (UpdateDeviceStatus). Signing in once more on it:');
    const again = await srp.signIn(srp.user(email), password);
    signedInWithDevice = again.kind === 'success';
    out(signedInWithDevice
      ? 'Signed in with the password and the device key (device SRP): no code was asked.'
      : `The sign-in still asked for ${again.kind}.`);
    out('(The device key lives in this process\'s memory only; a browser would keep it in localStorage.)');
  } else {
    out('Device not remembered: the next sign-in asks for a code again.');
  }
  out('Done. Ctrl-C in the sandbox terminal stops it; users, TOTP secrets and devices stay in its state file.');
  return { userPoolId: pool.userPoolId, clientId: pool.clientId, email, totpEnrolled, claims, deviceRemembered, signedInWithDevice };
}

async function confirm(srp: SrpSession, ask: WalkthroughOptions['ask'], out: WalkthroughOptions['out'], email: string): Promise<void> {
  out(`Step 2 of 5: the sandbox "emailed" a confirmation code to ${email}: it is printed in the sandbox terminal.`);
  await retrying(out, async () => {
    const code = await ask('Confirmation code from the email: ');
    await srp.confirmSignUp(email, code.trim());
  }, ['CodeMismatchException', 'ExpiredCodeException', 'InvalidParameterException']);
  out('Email confirmed (ConfirmSignUp).');
}

async function signInWithTotp(
  srp: SrpSession, ask: WalkthroughOptions['ask'], out: WalkthroughOptions['out'], email: string, password: string,
  pending: CognitoUser | undefined, justEnrolled: boolean,
): Promise<{ session: CognitoUserSession; user: CognitoUser; deviceConfirmationNeeded: boolean }> {
  const user = pending ?? srp.user(email);
  const outcome = pending ? { kind: 'SOFTWARE_TOKEN_MFA' as const } : await srp.signIn(user, password);
  if (outcome.kind === 'success') return { session: outcome.session, user, deviceConfirmationNeeded: outcome.deviceConfirmationNeeded };
  if (outcome.kind !== 'SOFTWARE_TOKEN_MFA') throw new Error(`Expected SOFTWARE_TOKEN_MFA, the sign-in stopped at ${outcome.kind}`);
  // Cognito accepts each code once: the one just used for setup is spent until the app shows the next one.
  const question = justEnrolled ? 'Next 6-digit code from the app (wait for a new one: each code works once): ' : '6-digit code from the app: ';
  let done: SignInOutcome | undefined;
  await retrying(out, async () => {
    done = await srp.sendTotp(user, (await ask(question)).trim());
  }, ['CodeMismatchException', 'ExpiredCodeException', 'InvalidParameterException']);
  if (done?.kind !== 'success') throw new Error(`Expected tokens after the TOTP code, got ${done?.kind}`);
  return { session: done.session, user, deviceConfirmationNeeded: done.deviceConfirmationNeeded };
}

function claimsOf(session: CognitoUserSession): WalkthroughResult['claims'] {
  const payload = session.getIdToken().decodePayload();
  const groups = payload['cognito:groups'];
  return { sub: String(payload.sub), email: String(payload.email), groups: Array.isArray(groups) ? groups.map(String) : [] };
}

/** Asks until `problem` returns nothing for the answer (or gives up after a few tries). */
async function askUntil(ask: WalkthroughOptions['ask'], out: WalkthroughOptions['out'], question: string, problem: (a: string) => string | undefined) {
  for (let i = 1; ; i++) {
    const answer = (await ask(question)).trim();
    const issue = problem(answer);
    if (!issue) return answer;
    if (i >= ATTEMPTS) throw new Error(issue);
    out(issue);
  }
}

/** Runs a step, and again (up to 3 times) when Cognito answers with one of the retryable errors. */
async function retrying(out: WalkthroughOptions['out'], step: () => Promise<void>, retryable: string[], beforeRetry?: () => Promise<void>) {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (e) {
      const code = errorCode(e);
      if (!code || !retryable.includes(code) || i >= ATTEMPTS) throw e;
      out(`${code}: ${(e as Error).message.replace(/\.?$/, '.')} Try again.`);
      await beforeRetry?.();
    }
  }
}

/** Turns a refused connection into a hint to start the sandbox. */
async function reachable<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const text = `${errorCode(e) ?? ''} ${(e as Error)?.message ?? ''}`;
    if (/ECONNREFUSED|fetch failed|Network error|NetworkError/i.test(text)) {
      throw new Error(`No sandbox answers at ${endpoint}: start it with 'npx projen sandbox' in another terminal (or pass --endpoint).`);
    }
    throw e;
  }
}

/** Reads answers from a terminal (or piped lines); hidden answers (the password) are not echoed. */
function terminalAsk(): { ask: WalkthroughOptions['ask']; close: () => void } {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  // Lines typed (or piped) ahead of a question wait here for it.
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let ended = false;
  rl.on('line', line => {
    const next = waiting.shift();
    if (next) next.resolve(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w.reject(new Error('input ended before the walkthrough was done'));
  });
  rl.on('SIGINT', () => {
    rl.close();
    process.stdout.write('\n');
    process.exit(130);
  });
  const ask = async (question: string, opts?: AskOptions) => {
    const buffered = lines.shift();
    if (buffered !== undefined) {
      process.stdout.write(`${question}\n`);
      return buffered;
    }
    if (ended) throw new Error('input ended before the walkthrough was done');
    // readline redraws its prompt while the person edits the line: a hidden answer gets an empty one.
    if (opts?.hidden) process.stdout.write(question);
    rl.setPrompt(opts?.hidden ? '' : question);
    muted = Boolean(opts?.hidden);
    rl.prompt();
    try {
      return await new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
    } finally {
      if (muted) process.stdout.write('\n');
      muted = false;
    }
  };
  return { ask, close: () => rl.close() };
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`Usage: npx ts-node --project test/tsconfig.json examples/walkthrough.ts [--endpoint ${DEFAULT_ENDPOINT}] [--template ${DEFAULT_TEMPLATE}]\n`
      + 'Run `npx projen sandbox` in another terminal first: it prints the emailed codes and serves the user pool.\n');
    return 0;
  }
  const terminal = terminalAsk();
  try {
    await runWalkthrough({
      ask: terminal.ask,
      out: line => process.stdout.write(`${line}\n`),
      endpoint: option(argv, 'endpoint'),
      template: option(argv, 'template'),
    });
    return 0;
  } catch (e) {
    const code = errorCode(e);
    process.stderr.write(`Walkthrough stopped: ${code && code !== 'Error' ? `${code}: ` : ''}${(e as Error)?.message ?? e}\n`);
    return 1;
  } finally {
    terminal.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(code => process.exit(code));
}
