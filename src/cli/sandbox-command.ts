import * as fs from 'fs';
import * as path from 'path';
import { startSandbox } from '../sandbox';
import { parseArgs, stringOption } from './sandbox-args';

export const SANDBOX_USAGE = `Usage: cdk-mfa-auth sandbox [--template file | --app cdk.out-dir] [--port N] [--host H] [--state file] [--outbox dir]

Runs a local Cognito user pool emulator for the user pools in a synthesized template.
  --template  a CloudFormation template JSON file
  --app       a cdk.out directory (default: ./cdk.out); Lambda trigger assets run from it
  --port      port to listen on (default 8787; 0 picks a free port)
  --state     JSON file that keeps users across restarts (default: .cdk-mfa-auth/sandbox-state.json)
  --outbox    directory where SMS/email messages are appended to outbox.jsonl
Stops on Ctrl-C.`;

const DEFAULT_PORT = 8787;

/** `cdk-mfa-auth sandbox`: starts the emulator, prints how to reach it, and runs until SIGINT. */
export async function sandboxCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.options.help) {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return 0;
  }
  const templatePath = stringOption(args, 'template');
  const cdkOutDir = stringOption(args, 'app') ?? (templatePath ? undefined : 'cdk.out');
  if (cdkOutDir && !fs.existsSync(cdkOutDir)) throw new Error(`${cdkOutDir} does not exist: run 'cdk synth' or pass --template`);
  const port = Number(stringOption(args, 'port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer between 0 and 65535');
  const stateFile = stringOption(args, 'state') ?? path.join('.cdk-mfa-auth', 'sandbox-state.json');

  const sandbox = await startSandbox({
    templatePath,
    cdkOutDir,
    port,
    stateFile,
    host: stringOption(args, 'host'),
    outboxDir: stringOption(args, 'outbox'),
  });
  const lines = [`Cognito sandbox listening on ${sandbox.endpoint} (region ${sandbox.region})`, `State: ${path.resolve(stateFile)}`];
  if (sandbox.httpsEndpoint) {
    lines.push(`Also https on ${sandbox.httpsEndpoint} (self-signed certificate in ${path.dirname(path.resolve(stateFile))}/sandbox-tls-cert.pem)`);
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
      lines.push(`  domain ${domain.domain}: sign-in ${domain.baseUrl}/login, OAuth ${domain.baseUrl}/oauth2/{authorize,token,userInfo,revoke}, ${domain.baseUrl}/logout`);
      lines.push(`    Amplify oauth.domain: ${domain.amplifyDomain}`);
    }
    if (pool.domains.length) lines.push(`  OpenID discovery: ${pool.issuer}/.well-known/openid-configuration`);
  }
  lines.push('Point the AWS SDK or Amplify at the endpoint above; press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.stop();
  process.stdout.write('Sandbox stopped; state saved.\n');
  return 0;
}
