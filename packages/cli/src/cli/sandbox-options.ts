import { CommandSpec } from './command-spec';

/**
 * `cdk-mfa-auth sandbox`: its options, one row each. The help text and the strict parser both come
 * from this table, so a new option is a new row here plus the code in sandbox-command.ts that reads it.
 */
export const SANDBOX_COMMAND: CommandSpec = {
  name: 'sandbox',
  summary: 'Run a local Cognito user pool emulator for the user pools in a synthesized app or template.',
  details: 'Prints the endpoint, the pools and their app clients; serves until Ctrl-C (SIGINT) or SIGTERM, then saves its state.',
  options: [
    {
      name: 'app',
      type: 'string',
      value: 'DIR',
      description: "a cdk.out directory; Lambda trigger assets run from it (with --watch: where the synth writes, overriding cdk.json's output)",
      default: './cdk.out, unless --template is given',
    },
    { name: 'template', type: 'string', value: 'FILE', description: 'a CloudFormation template JSON file instead of --app (triggers then do not run)' },
    { name: 'watch', type: 'boolean', description: "synthesize the CDK app (cdk.json's app, or --synth), and re-synthesize and reload the pools, keeping their users, on every change to the files cdk.json's watch.include/exclude select" },
    { name: 'cdk-json', type: 'string', value: 'FILE', description: 'with --watch: the cdk.json giving the app command and watch globs; the app runs in its directory', default: './cdk.json' },
    { name: 'synth', type: 'string', value: 'COMMAND', description: "with --watch: the command that synthesizes the app, instead of cdk.json's app (e.g. 'node app.js')" },
    { name: 'synth-timeout', type: 'string', value: 'SECONDS', description: 'with --watch: a synth running longer is stopped (with its child processes) and reported', default: '120' },
    {
      name: 'reset-pool',
      type: 'boolean',
      description: 'with --watch: accept a change Cognito cannot make to a live pool (sign-in attributes, schema) by starting that pool empty',
    },
    { name: 'seed', type: 'string', value: 'FILE', description: "create the test users FILE lists (README 'Seeded users') on start; users that exist are kept as they are" },
    { name: 'outputs', type: 'string', value: 'FILE', description: 'write amplify_outputs.json for the pools on start and every reload (several pools: FILE.<Stack>.<PoolId>.json)' },
    { name: 'port', type: 'string', value: 'N', description: 'the port to listen on; 0 picks a free one', default: '8787' },
    {
      name: 'host',
      type: 'string',
      value: 'ADDRESS',
      description: 'the address to listen on; anything but a loopback address exposes the emulator to the network (its https certificate is self-signed, for loopback names)',
      default: '127.0.0.1',
    },
    { name: 'state', type: 'string', value: 'FILE', description: 'SQLite database that keeps users, MFA, devices and refresh tokens across restarts (a JSON state file of earlier versions is converted, the original kept as FILE.json-backup)', default: '.cdk-mfa-auth/sandbox-state.json' },
    {
      name: 'outbox',
      type: 'string',
      value: 'DIR',
      description: 'directory where every SMS and email the pools send (codes, temporary passwords) is appended to outbox.jsonl, private to you; the console says who got what, without the code',
      default: "'outbox' beside the state file: .cdk-mfa-auth/outbox",
    },
    {
      name: 'cors-origin',
      type: 'string',
      value: 'ORIGINS',
      description: "browser origins that may call the emulator besides localhost ones and the app clients' callback and logout URLs, comma-separated (e.g. http://192.168.1.5:5173)",
      default: 'none',
    },
    {
      name: 'admin-credentials',
      type: 'string',
      value: 'CREDENTIALS',
      description: "check the SigV4 signature of admin (IAM-authorized) calls against ACCESS_KEY_ID:SECRET_ACCESS_KEY, or 'generate' a pair and print it",
      default: 'any signature passes',
    },
    {
      name: 'quotas',
      type: 'string',
      value: 'RATES',
      description: "answer as Cognito's API request-rate quotas do: RATES is 'default' for Cognito's default rate of each category, or a JSON file of an object of requests per second by category (e.g. {\"UserAuthentication\": 10}; the others keep their defaults). A call beyond its category's rate within one second answers TooManyRequestsException; on exit the peak rate each category reached is printed against its quota",
      default: 'no quotas',
    },
  ],
};
