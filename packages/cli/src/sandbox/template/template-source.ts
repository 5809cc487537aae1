import * as fs from 'fs';
import * as path from 'path';

/** One CloudFormation template plus where its assets live. */
export interface TemplateSource {
  readonly stackName: string;
  readonly template: any;
  /** Directory that `aws:asset:path` metadata is relative to (the cdk.out dir), if known. */
  readonly assetDir?: string;
}

export interface TemplateInput {
  readonly template?: object;
  readonly templatePath?: string;
  readonly cdkOutDir?: string;
}

/** Collects the templates to emulate from an object, a file, or every *.template.json of a cdk.out dir. */
export function loadTemplates(input: TemplateInput): TemplateSource[] {
  if (input.template) {
    return [{ stackName: 'Stack', template: input.template, assetDir: input.cdkOutDir }];
  }
  if (input.templatePath) {
    const file = path.resolve(input.templatePath);
    return [{
      stackName: path.basename(file).replace(/\.template\.json$|\.json$/, ''),
      template: readJson(file),
      assetDir: input.cdkOutDir ?? path.dirname(file),
    }];
  }
  if (input.cdkOutDir) {
    const dir = path.resolve(input.cdkOutDir);
    const files = templateFiles(dir);
    if (files.length === 0) throw new Error(`No *.template.json files in ${dir}; run 'cdk synth' first.`);
    return files.map(file => ({
      stackName: path.basename(file).replace(/\.template\.json$/, ''),
      template: readJson(file),
      assetDir: path.dirname(file),
    }));
  }
  throw new Error('Give the sandbox a template, a templatePath or a cdkOutDir.');
}

/** Top-level templates plus those of nested assemblies (stages synthesize into assembly-* dirs). */
function templateFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.template.json')) found.push(full);
    if (entry.isDirectory() && entry.name.startsWith('assembly-')) found.push(...templateFiles(full));
  }
  return found.sort();
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read template ${file}: ${(e as Error).message}`);
  }
}
