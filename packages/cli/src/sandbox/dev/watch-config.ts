import * as fs from 'fs';
import * as path from 'path';

/** What watch mode needs from cdk.json: the app command, the assembly dir and the files to watch. */
export interface WatchConfig {
  /** The directory of cdk.json: the app runs there and watch globs are relative to it. */
  readonly rootDir: string;
  readonly app: string;
  readonly outdir: string;
  readonly include: string[];
  readonly exclude: string[];
}

/**
 * Reads cdk.json as `cdk watch` does. Its defaults (aws-cdk's watch command): include `**`; always
 * exclude cdk.json, dot files and dirs, node_modules and the output dir, plus the user's excludes.
 * `appOverride` (--synth) replaces cdk.json's `app`; `outdirOverride` (--app DIR) its `output`.
 */
export function readWatchConfig(cdkJsonPath: string, appOverride?: string, outdirOverride?: string): WatchConfig {
  const file = path.resolve(cdkJsonPath);
  let json: any = {};
  if (fs.existsSync(file)) {
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${cdkJsonPath} is not JSON: ${(e as Error).message}`);
    }
  } else if (!appOverride) {
    throw new Error(`--watch needs the app command: no ${cdkJsonPath} found; pass --synth 'node app.js' or --cdk-json FILE`);
  }
  const rootDir = path.dirname(file);
  const app = appOverride ?? json.app;
  if (typeof app !== 'string' || !app.trim()) throw new Error(`${cdkJsonPath}: "app" must be the command that synthesizes the app (e.g. "npx ts-node bin/app.ts")`);
  const output = outdirOverride ? path.resolve(outdirOverride) : path.resolve(rootDir, typeof json.output === 'string' ? json.output : 'cdk.out');
  const list = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    const values = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(values) || values.some(v => typeof v !== 'string')) throw new Error(`${cdkJsonPath}: watch.${name} must be a string or a list of strings`);
    return values;
  };
  const include = list(json.watch?.include, 'include');
  const relativeOut = path.relative(rootDir, output);
  const exclude = [
    ...list(json.watch?.exclude, 'exclude'),
    'cdk.json', '**/.*', '**/.*/**', '**/node_modules/**',
    ...(relativeOut && !relativeOut.startsWith('..') ? [relativeOut, `${relativeOut}/**`] : []),
  ];
  return { rootDir, app, outdir: output, include: include.length ? include : ['**'], exclude };
}
