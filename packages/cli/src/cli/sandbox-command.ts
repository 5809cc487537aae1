import * as fs from 'fs';
import * as path from 'path';
import { IamCredentials, QuotaRates, quotaRates, QuotaRatesError, SeedFileError, SeedResult, startSandbox } from '../sandbox';
import { commandHelp, parseCommandLine, stringValue, UsageError } from './command-spec';
import { SANDBOX_COMMAND } from './sandbox-options';
import { writeSandboxOutputs } from '../sandbox/dev/outputs';
import { ownFiles } from '../sandbox/dev/own-files';
import { synthOnce, watchApp } from '../sandbox/dev/watch';
import { readWatchConfig } from '../sandbox/dev/watch-config';
import { terminalQr } from '../sandbox/model/qr';
import { TLS_CERT_FILE } from '../sandbox/server/tls';

export const SANDBOX_USAGE = commandHelp(SANDBOX_COMMAND);

const DEFAULT_PORT = 8787;

/**
 * amplify_outputs.json has no endpoint field: the lines that point Amplify JS v6 at the sandbox, as
 * the README gives them and test/sandbox/amplify-js.test.ts runs them (the cast type-checks in TypeScript).
 */
const AMPLIFY_ENDPOINT_HINT = [
  'Amplify JS v6: Amplify.configure(outputs); then point it at the sandbox:',
  '  const { Auth } = Amplify.getConfig();',
  '  const withEndpoint = { Cognito: { ...Auth!.Cognito, userPoolEndpoint: outputs.custom.sandbox.user_pool_endpoint } } as ResourcesConfig[\'Auth\'];',
  '  Amplify.configure({ ...Amplify.getConfig(), Auth: withEndpoint });',
].join('\n');

/** `cdk-mfa-auth sandbox`: starts the emulator, prints how to reach it, and runs until SIGINT. */
export async function sandboxCommand(argv: string[]): Promise<number> {
  const args = parseCommandLine(SANDBOX_COMMAND, argv);
  if (args === 'help') {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return 0;
  }
  const templatePath = stringValue(args, 'template');
  const watching = args.watch === true;
  if (watching && templatePath) throw new UsageError('--watch synthesizes the app into a cdk.out directory; drop --template (use --app DIR for the directory)');
  const watchConfig = watching ? readWatchConfig(stringValue(args, 'cdk-json') ?? 'cdk.json', stringValue(args, 'synth'), stringValue(args, 'app')) : undefined;
  const synthTimeout = Number(stringValue(args, 'synth-timeout') ?? 120);
  if (!(synthTimeout > 0)) throw new UsageError(`--synth-timeout must be a positive number of seconds, got ${JSON.stringify(stringValue(args, 'synth-timeout'))}`);
  const cdkOutDir = watchConfig?.outdir ?? stringValue(args, 'app') ?? (templatePath ? undefined : 'cdk.out');
  // Mistakes the developer can fix now are reported before a synth that may take a minute.
  const port = Number(stringValue(args, 'port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got ${JSON.stringify(stringValue(args, 'port'))}`);
  const seedPath = stringValue(args, 'seed');
  const seed = seedPath === undefined ? undefined : readSeedFile(seedPath);
  const quotasArg = stringValue(args, 'quotas');
  const quotas = quotasArg === undefined ? undefined : readQuotas(quotasArg);
  if (watchConfig) {
    const first = await synthOnce(watchConfig, synthTimeout * 1000, line => process.stdout.write(`${line}\n`)).done;
    if (!first.ok) throw new Error(`the first synth failed, so there is nothing to serve yet: ${first.error}`);
  }
  if (cdkOutDir && !fs.existsSync(cdkOutDir)) throw new Error(`${cdkOutDir} does not exist: run 'cdk synth' or pass --template`);
  const stateFile = stringValue(args, 'state') ?? path.join('.cdk-mfa-auth', 'sandbox-state.json');
  // Codes and temporary passwords go to a private file the developer reads (the console line says where, without the code).
  const outboxDir = stringValue(args, 'outbox') ?? path.join(path.dirname(stateFile), 'outbox');
  const outputsPath = stringValue(args, 'outputs');
  const corsOrigins = stringValue(args, 'cors-origin')?.split(',').map(o => o.trim()).filter(Boolean);

  const sandbox = await startSandbox({
    templatePath,
    cdkOutDir,
    port,
    stateFile,
    host: stringValue(args, 'host'),
    outboxDir,
    corsOrigins,
    adminCredentials: adminCredentials(stringValue(args, 'admin-credentials')),
    seed,
    quotas,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new Error(`port ${port} is in use (another sandbox?); pick another with --port N, or --port 0 for any free port`);
    if (err instanceof SeedFileError) throw new Error(`--seed ${seedPath}: ${err.message}`);
    throw err;
  });
  const lines = [
    `Cognito sandbox listening on ${sandbox.endpoint} (region ${sandbox.region})`,
    `State: ${path.resolve(stateFile)}`,
    `Outbox (codes and temporary passwords the pools send): ${path.resolve(outboxDir, 'outbox.jsonl')}`,
  ];
  if (sandbox.httpsEndpoint) {
    lines.push(`Also https on ${sandbox.httpsEndpoint} (self-signed certificate in ${path.join(path.dirname(path.resolve(stateFile)), TLS_CERT_FILE)})`);
  }
  for (const pool of sandbox.userPools) {
    lines.push(`User pool ${pool.stackName}/${pool.logicalId}: ${pool.id}`);
    for (const client of pool.clients) {
      const oauth = client.oauthFlows.length ? `; OAuth: ${client.oauthFlows.join(', ')}` : '';
      lines.push(`  client ${client.logicalId}: ${client.id} (sign-in: ${client.authFlows.join(', ') || 'none'}${oauth})`);
      // The sandbox's own secret for a local client, shown as the Cognito console shows a client's secret.
      if (client.secret) lines.push(`    client secret (sandbox only): ${client.secret}`);
    }
    for (const domain of pool.domains) {
      lines.push(`  domain ${domain.domain}: OAuth ${domain.baseUrl}/oauth2/{authorize,token,userInfo,revoke}, ${domain.baseUrl}/logout`);
      // The hosted pages need a client, a registered redirect URI and a response type: a bare /login answers 400.
      for (const { clientLogicalId, url } of domain.signInUrls) lines.push(`    sign-in page for ${clientLogicalId}: ${url}`);
      lines.push(`    Amplify oauth.domain: ${domain.amplifyDomain}`);
    }
    if (pool.domains.length) lines.push(`  OpenID discovery: ${pool.issuer}/.well-known/openid-configuration`);
    if (pool.customSenderKeyArn) {
      lines.push(`  custom senders: codes encrypted under ${pool.customSenderKeyArn}; functions decrypt at ${sandbox.kmsEndpoint} (AWS_ENDPOINT_URL_KMS)`);
    }
  }
  lines.push(...securityLines(sandbox.adminCredentials, corsOrigins ?? []));
  if (quotas) lines.push(`Quotas (${quotasArg === 'default' ? "Cognito's defaults" : quotasArg}): calls beyond a category's rate per second answer TooManyRequestsException; the peak of each category is printed on exit`);
  lines.push('Point the AWS SDK or Amplify at the endpoint above; press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (seedPath && sandbox.seeded) await printSeeded(seedPath, sandbox.seeded, log);
  const writeOutputs = () => {
    if (!outputsPath) return;
    for (const file of writeSandboxOutputs(sandbox, { templatePath, cdkOutDir }, outputsPath, log)) log(`Wrote ${file}`);
  };
  writeOutputs();
  if (outputsPath) log(AMPLIFY_ENDPOINT_HINT);
  const watcher = watchConfig && watchApp({
    config: watchConfig,
    synthTimeoutMs: synthTimeout * 1000,
    log,
    reload: () => sandbox.reload({ cdkOutDir }, args['reset-pool'] === true),
    afterReload: writeOutputs,
    ignore: ownFiles({ stateFile, outboxDir, outputsPath }),
  });
  if (watcher) {
    await watcher.ready;
    log(`Watching ${watchConfig!.rootDir} (include ${watchConfig!.include.join(', ')}; exclude ${watchConfig!.exclude.join(', ')})`);
  }

  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher?.close();
  await sandbox.stop();
  // "state saved" only when it is true: after the state file was removed or replaced, writes were refused.
  if (sandbox.unsaved) {
    process.stderr.write(`Sandbox stopped; state NOT saved: ${sandbox.unsaved}; changes made since were refused.\n`);
    return 1;
  }
  process.stdout.write('Sandbox stopped; state saved.\n');
  return 0;
}

/** `--seed FILE` as JSON; the sandbox checks it against its schema and the pools before it listens. */
function readSeedFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`--seed: cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

/** `--quotas default` or `--quotas FILE`, checked now (before any synth): every problem names its category and the fix. */
function readQuotas(value: string): QuotaRates {
  if (value === 'default') return quotaRates('default');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(value, 'utf8'));
  } catch (err) {
    throw new UsageError(`--quotas: cannot read ${value} as JSON: ${(err as Error).message} (give 'default' or a JSON file such as {"UserAuthentication": 10})`);
  }
  try {
    return quotaRates(json);
  } catch (err) {
    if (err instanceof QuotaRatesError) throw new UsageError(`--quotas ${value}: ${err.message}`);
    throw err;
  }
}

/** One line per seeded user (and a QR code for a generated TOTP secret). */
async function printSeeded(file: string, results: SeedResult[], log: (line: string) => void): Promise<void> {
  const created = results.filter(r => r.outcome === 'created').length;
  log(`Seeded from ${file}: ${created} created, ${results.length - created} already there${created ? '' : ' (nothing changed)'}`);
  for (const r of results) {
    log(`  ${r.username} (${r.pool}): ${r.outcome}${r.detail ? `: ${r.detail}` : ''}`);
    if (r.otpauthUri) {
      log(`    TOTP secret generated; add it to an authenticator app (shown once): ${r.otpauthUri}`);
      log(await terminalQr(r.otpauthUri));
    }
  }
}

/** `--admin-credentials generate` or `KEY:SECRET`. */
function adminCredentials(value: string | undefined): IamCredentials | 'generate' | undefined {
  if (value === undefined || value === 'generate') return value;
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new UsageError("--admin-credentials must be 'generate' or ACCESS_KEY_ID:SECRET_ACCESS_KEY");
  return { accessKeyId: value.slice(0, colon), secretAccessKey: value.slice(colon + 1) };
}

/** What the banner says about who may call the sandbox (the credentials are the developer's own, for their SDK). */
function securityLines(credentials: IamCredentials | undefined, corsOrigins: string[]): string[] {
  const origins = ['localhost origins', "the app clients' callback/logout URLs", ...corsOrigins].join(', ');
  return [
    `Browser origins allowed: ${origins}`,
    credentials
      ? `Admin API: SigV4 checked against AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`
      : 'Admin API: needs a SigV4 signature from any credentials (--admin-credentials generate checks them)',
  ];
}
