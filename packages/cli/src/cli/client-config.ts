import * as fs from 'fs';
import * as path from 'path';
import { findAssemblyStack } from '@cdk-mfa/auth/template';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs, CloudFormationTemplate } from '../client';
import { CommandSpec, commandHelp, ERROR_PREFIX, parseCommandLine, stringValue, UsageError } from './command-spec';
import { OperatorDeps } from './operator/deps';
import { EXIT, usageMistake } from './operator/run';

export const CLIENT_CONFIG_COMMAND: CommandSpec = {
  name: 'client-config',
  summary: 'Write amplify_outputs.json (schema v1.4, auth section) for a deployed Auth construct.',
  details: 'Reads the ids from the stack outputs <id>UserPoolId, <id>UserPoolClientId, <id>Region (and <id>IdentityPoolId, <id>Domain).',
  options: [
    { name: 'template', type: 'string', value: 'FILE', required: true, description: "the stack's synthesized template (cdk.out/<Stack>.template.json)" },
    { name: 'outputs-file', type: 'string', value: 'FILE', required: true, description: "the JSON written by 'cdk deploy --outputs-file'" },
    { name: 'stack', type: 'string', value: 'NAME', description: 'the stack in the outputs file', default: "the one holding the construct's outputs" },
    { name: 'construct-id', type: 'string', value: 'ID', description: "the Auth construct's id; its outputs are named <id>UserPoolId etc.", default: 'Auth' },
    { name: 'out', type: 'string', value: 'FILE', description: 'where to write', default: 'amplify_outputs.json' },
  ],
};

/** Parsed `client-config` options. */
export interface ClientConfigOptions {
  readonly templatePath: string;
  readonly outputsPath: string;
  readonly stack?: string;
  readonly constructId: string;
  readonly outPath: string;
}

/** What `client-config` needs from the outside world; tests inject `out`/`err`. */
export type ClientConfigDeps = Pick<OperatorDeps, 'out' | 'err'>;

/** `cdk deploy --outputs-file` JSON: stack name to output name to value. */
export type DeployOutputs = Record<string, Record<string, string>>;

/**
 * `client-config`: reads the synthesized template and the deploy outputs file, finds the ids by
 * the construct's stable output names, and writes amplify_outputs.json. Prints one line with the
 * path and the (public) ids. Exit codes: 0 written, 1 failed, 2 command line mistake.
 */
export async function runClientConfig(args: string[], deps: ClientConfigDeps): Promise<number> {
  let options: ClientConfigOptions;
  try {
    const parsed = parseClientConfigArgs(args);
    if (parsed === 'help') {
      commandHelp(CLIENT_CONFIG_COMMAND).split('\n').forEach(line => deps.out(line));
      return EXIT.OK;
    }
    options = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageMistake(CLIENT_CONFIG_COMMAND, e, deps.err);
  }
  try {
    const template = readJson(options.templatePath, '--template') as CloudFormationTemplate & { Outputs?: Record<string, any> };
    const deployOutputs = readJson(options.outputsPath, '--outputs-file') as DeployOutputs;
    const ids = resolveAuthIds(template, deployOutputs, options);
    const outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(template, ids));
    // After the description, whose errors name the exact setting; before anything is written.
    checkSameStack(template, deployOutputs, ids.stack, options);
    fs.mkdirSync(path.dirname(path.resolve(options.outPath)), { recursive: true });
    fs.writeFileSync(options.outPath, `${JSON.stringify(outputs, null, 2)}\n`);
    const identity = ids.identityPoolId ? `, identity pool ${ids.identityPoolId}` : '';
    deps.out(`Wrote ${options.outPath} (stack ${ids.stack}: user pool ${ids.userPoolId}, client ${ids.userPoolClientId}${identity}, region ${ids.region})`);
    return EXIT.OK;
  } catch (e) {
    deps.err(`${ERROR_PREFIX} ${(e as Error).message}`);
    return EXIT.FAILED;
  }
}

/**
 * Parses the command line; `'help'` for `--help`.
 * @throws UsageError naming the option that is missing or unknown.
 */
export function parseClientConfigArgs(args: string[]): ClientConfigOptions | 'help' {
  const values = parseCommandLine(CLIENT_CONFIG_COMMAND, args);
  if (values === 'help') return 'help';
  const templatePath = stringValue(values, 'template');
  if (!templatePath) throw new UsageError('--template is required (e.g. cdk.out/MyStack.template.json)');
  const outputsPath = stringValue(values, 'outputs-file');
  if (!outputsPath) throw new UsageError("--outputs-file is required (the file written by 'cdk deploy --outputs-file')");
  const constructId = stringValue(values, 'construct-id') ?? 'Auth';
  if (!constructId.replace(/[^A-Za-z0-9]/g, '')) throw new UsageError(`--construct-id must contain a letter or digit, got ${JSON.stringify(constructId)}`);
  return { templatePath, outputsPath, stack: stringValue(values, 'stack'), constructId, outPath: stringValue(values, 'out') ?? 'amplify_outputs.json' };
}

/** The ids for `authClientDescriptionFromTemplate`, plus the stack they came from. */
export interface ResolvedClientConfigIds {
  readonly stack: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly identityPoolId?: string;
  readonly userPoolLogicalId?: string;
  /** The deployed domain host name (`<id>Domain`), when the construct has a domain. */
  readonly domain?: string;
}

/**
 * Finds the construct's outputs (`<id>UserPoolId`, `<id>UserPoolClientId`, `<id>Region`, optional
 * `<id>IdentityPoolId`) in the deploy outputs, and the user pool they name in the template.
 *
 * @throws Error naming the missing stack or output and listing what is there.
 */
export function resolveAuthIds(
  template: { Outputs?: Record<string, any> },
  deployOutputs: DeployOutputs,
  options: Pick<ClientConfigOptions, 'stack' | 'constructId' | 'templatePath'>,
): ResolvedClientConfigIds {
  if (!deployOutputs || typeof deployOutputs !== 'object' || Array.isArray(deployOutputs)) {
    throw new Error('--outputs-file: expected a JSON object of stack names to outputs');
  }
  // Same rule as the construct: the output prefix is the construct id without non-alphanumerics.
  const prefix = options.constructId.replace(/[^A-Za-z0-9]/g, '');
  const stack = pickStack(deployOutputs, `${prefix}UserPoolId`, options);
  const values = deployOutputs[stack] ?? {};
  const available = Object.keys(values).sort().join(', ') || 'none';
  const required = (name: string): string => {
    const value = values[`${prefix}${name}`];
    if (typeof value !== 'string' || !value) {
      throw new Error(`--outputs-file: stack ${stack} has no output ${prefix}${name} (available: ${available}); is --construct-id ${options.constructId} right?`);
    }
    return value;
  };
  const userPoolId = required('UserPoolId');
  const userPoolClientId = required('UserPoolClientId');
  const region = required('Region');
  const identityPoolId = values[`${prefix}IdentityPoolId`] || undefined;
  // The deployed host name: right even when the template's domain prefix is a token.
  const domain = values[`${prefix}Domain`] || undefined;
  // The template's output says which user pool it is (there may be several Auth constructs).
  const ref = template.Outputs?.[`${prefix}UserPoolId`]?.Value?.Ref;
  const userPoolLogicalId = typeof ref === 'string' ? ref : undefined;
  return { stack, region, userPoolId, userPoolClientId, identityPoolId, userPoolLogicalId, domain };
}

/**
 * Refuses a template and deploy outputs of different stacks, which would otherwise mix one pool's
 * ids with another's settings (MFA methods, domain). Two signs, each naming both files: the cloud
 * assembly's manifest next to the template names its stack (the outputs file is keyed by stack
 * name, as `cdk deploy --outputs-file` writes it); and every output the template declares (without a
 * Condition) is in a deployed stack's outputs.
 *
 * @throws Error naming the template, the outputs file and both stacks.
 */
export function checkSameStack(
  template: { Outputs?: Record<string, any> },
  deployOutputs: DeployOutputs,
  stack: string,
  options: Pick<ClientConfigOptions, 'templatePath' | 'outputsPath'>,
): void {
  const { templatePath, outputsPath } = options;
  const templateStack = assemblyStackName(templatePath);
  if (templateStack !== undefined && templateStack !== stack) {
    const hint = Object.prototype.hasOwnProperty.call(deployOutputs, templateStack)
      ? `pass --stack ${templateStack}` : `--outputs-file has no stack ${templateStack}; give the outputs file of its deploy`;
    throw new Error(`--template ${templatePath} is stack ${templateStack}, but the outputs are stack ${stack}'s in --outputs-file ${outputsPath}: ${hint}`);
  }
  const deployed = deployOutputs[stack] ?? {};
  const missing = Object.entries(template.Outputs ?? {})
    .filter(([key, output]) => !output?.Condition && !Object.prototype.hasOwnProperty.call(deployed, key))
    .map(([key]) => key);
  if (missing.length) {
    throw new Error(`--template ${templatePath} declares outputs that stack ${stack} in --outputs-file ${outputsPath} lacks (${missing.join(', ')}): `
      + 'the two files are of different stacks, or the stack was deployed from another version of the template (deploy it, then run client-config)');
  }
}

/** The stack name the cloud assembly's manifest (cdk.out/manifest.json beside the template) gives the template, if there is one. */
function assemblyStackName(templatePath: string): string | undefined {
  const artifactId = path.basename(templatePath).replace(/\.template\.json$/, '');
  try {
    const stack = findAssemblyStack(path.dirname(path.resolve(templatePath)), artifactId);
    return stack && path.resolve(stack.templateFile) === path.resolve(templatePath) ? stack.stackName : undefined;
  } catch {
    return undefined; // an unreadable manifest says nothing about the stack
  }
}

function pickStack(deployOutputs: DeployOutputs, marker: string, options: Pick<ClientConfigOptions, 'stack' | 'templatePath'>): string {
  const stacks = Object.keys(deployOutputs);
  if (options.stack !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(deployOutputs, options.stack)) {
      throw new Error(`--outputs-file: no stack ${options.stack} (stacks: ${stacks.join(', ') || 'none'})`);
    }
    return options.stack;
  }
  if (stacks.length === 1) return stacks[0];
  const holding = stacks.filter(s => deployOutputs[s] && typeof deployOutputs[s][marker] === 'string');
  if (holding.length === 1) return holding[0];
  // `cdk.out/<Stack>.template.json` names the stack.
  const fromTemplate = path.basename(options.templatePath).replace(/\.template\.json$/, '');
  if (holding.includes(fromTemplate)) return fromTemplate;
  throw new Error(holding.length
    ? `--outputs-file: several stacks have ${marker} (${holding.join(', ')}); pass --stack`
    : `--outputs-file: no stack has an output ${marker} (stacks: ${stacks.join(', ') || 'none'}); pass --stack or --construct-id`);
}

function readJson(file: string, option: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${option}: cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${option}: ${file} is not JSON: ${(e as Error).message}`);
  }
}
