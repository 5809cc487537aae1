import * as fs from 'fs';
import * as path from 'path';
import { IamCredentials, startSandbox } from '../sandbox';
import { parseArgs, stringOption } from './sandbox-args';

export const SANDBOX_USAGE = `Usage: cdk-mfa-auth sandbox [--template file | --app cdk.out-dir] [--port N] [--host H] [--state file] [--outbox dir]
                            [--cors-origin origin,...] [--admin-credentials generate | KEY:SECRET]

Runs a local Cognito user pool emulator for the user pools in a synthesized template.
  --template  a CloudFormation template JSON file
  --app       a cdk.out directory (default: ./cdk.out); Lambda trigger assets run from it
  --port      port to listen on (default 8787; 0 picks a free port)
  --state     JSON file that keeps users across restarts (default: .cdk-mfa-auth/sandbox-state.json)
  --outbox    directory where SMS/email messages are appended to outbox.jsonl
  --cors-origin        browser origins allowed besides localhost ones and the app clients'
                       callback/logout URLs (comma-separated, e.g. http://192.168.1.5:5173)
  --admin-credentials  check the SigV4 signature of admin calls against these credentials;
                       'generate' makes a pair and prints it (default: any signature passes)
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
  const corsOrigins = stringOption(args, 'cors-origin')?.split(',').map(o => o.trim()).filter(Boolean);

  const sandbox = await startSandbox({
    templatePath,
    cdkOutDir,
    port,
    stateFile,
    host: stringOption(args, 'host'),
    outboxDir: stringOption(args, 'outbox'),
    corsOrigins,
    adminCredentials: adminCredentials(stringOption(args, 'admin-credentials')),
  });
  const lines = [`Cognito sandbox listening on ${sandbox.endpoint} (region ${sandbox.region})`, `State: ${path.resolve(stateFile)}`];
  for (const pool of sandbox.userPools) {
    lines.push(`User pool ${pool.stackName}/${pool.logicalId}: ${pool.id}`);
    for (const client of pool.clients) lines.push(`  client ${client.logicalId}: ${client.id} (sign-in: ${client.authFlows.join(', ') || 'none'})`);
  }
  lines.push(...securityLines(sandbox.adminCredentials, corsOrigins ?? []));
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

/** `--admin-credentials generate` or `KEY:SECRET`. */
function adminCredentials(value: string | undefined): IamCredentials | 'generate' | undefined {
  if (value === undefined || value === 'generate') return value;
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new Error("--admin-credentials must be 'generate' or ACCESS_KEY_ID:SECRET_ACCESS_KEY");
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
