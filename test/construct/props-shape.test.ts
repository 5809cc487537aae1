/**
 * The run-time description of the props (src/config/shape/auth-props-shape.ts) against what every
 * jsii language sees: the assembly `.jsii` (ours, and aws-cdk-lib's for its structs). A prop added
 * to types.ts without a line in the description fails to compile; one described with the wrong type
 * or optionality, or a struct or enum member the description misses, fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { AUTH_PROPS_SHAPE } from '../../src/config/shape/auth-props-shape';
import { Fields, JsiiType, Shape } from '../../src/config/shape/shape';
import { AuthProps, SmsMfa } from '../../src/config/types';

interface JsiiProperty { readonly name: string; readonly optional?: boolean; readonly type: JsiiType }
interface JsiiTypeDef {
  readonly kind: 'interface' | 'enum' | 'class';
  readonly datatype?: boolean;
  readonly properties?: JsiiProperty[];
  readonly interfaces?: string[];
  readonly members?: Array<{ name: string }>;
}
type Assembly = { readonly types: Record<string, JsiiTypeDef> };

const ROOT = path.join(__dirname, '..', '..');

function loadAssembly(file: string): Assembly {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen compile\` (the build does) before this test`);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (raw.schema !== 'jsii/file-redirect') return raw;
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(path.dirname(file), raw.filename))).toString('utf8'));
}

const ours = loadAssembly(path.join(ROOT, '.jsii'));
const cdk = loadAssembly(path.join(ROOT, 'node_modules', 'aws-cdk-lib', '.jsii'));
const typeDef = (fqn: string): JsiiTypeDef | undefined => ours.types[fqn] ?? cdk.types[fqn];

/** A struct's properties, its parents' included. */
function properties(fqn: string): JsiiProperty[] {
  const def = typeDef(fqn);
  if (!def) throw new Error(`${fqn} is not in the assembly`);
  return [...(def.interfaces ?? []).flatMap(properties), ...(def.properties ?? [])];
}

type AnyShape = Shape<unknown> & { fields?: Record<string, AnyShape & { required?: true }>; element?: AnyShape; members?: string[] };

/** Every type reached from the props, through the description. */
function describedTypes(): Map<string, AnyShape> {
  const found = new Map<string, AnyShape>();
  const visit = (shape: AnyShape) => {
    if ('fqn' in shape.jsii && !found.has(shape.jsii.fqn)) found.set(shape.jsii.fqn, shape);
    Object.values(shape.fields ?? {}).forEach(visit);
    if (shape.element) visit(shape.element);
  };
  visit(AUTH_PROPS_SHAPE as unknown as AnyShape);
  return found;
}

/** Every struct and enum reached from AuthProps, through the assembly. */
function assemblyTypes(): Set<string> {
  const found = new Set<string>();
  const visit = (type: JsiiType) => {
    if ('collection' in type) return visit(type.collection.elementtype);
    if (!('fqn' in type) || found.has(type.fqn)) return;
    found.add(type.fqn);
    const def = typeDef(type.fqn);
    if (def?.kind === 'interface' && def.datatype) properties(type.fqn).forEach(p => visit(p.type));
  };
  visit({ fqn: '@cdk-mfa/auth.AuthProps' });
  return found;
}

const described = describedTypes();

test('the description reaches exactly the types the assembly reaches from AuthProps', () => {
  expect([...described.keys()].sort()).toEqual([...assemblyTypes()].sort());
});

describe.each([...described].filter(([, shape]) => shape.fields).map(([fqn, shape]) => [fqn, shape] as const))('struct %s', (fqn, shape) => {
  const props = properties(fqn);

  test('describes every property, and nothing else', () => {
    expect(Object.keys(shape.fields!).sort()).toEqual(props.map(p => p.name).sort());
  });

  test.each(props.map(p => [p.name, p] as const))('%s: same type and optionality', (name, prop) => {
    const field = shape.fields![name];
    expect({ type: field.jsii, required: field.required === true }).toEqual({ type: prop.type, required: !prop.optional });
  });
});

describe.each([...described].filter(([, shape]) => shape.members).map(([fqn, shape]) => [fqn, shape] as const))('enum %s', (fqn, shape) => {
  test('accepts exactly its members', () => {
    expect([...shape.members!].sort()).toEqual(typeDef(fqn)!.members!.map(m => m.name).sort());
  });
});

test('a prop left out of the description does not compile', () => {
  // The checks below are compile-time only (tsc runs over the tests in the build).
  // @ts-expect-error -- `message` is missing
  const incomplete: Fields<SmsMfa> = {};
  // @ts-expect-error -- `loginWith` is required in AuthProps, so its shape must be marked required
  const unmarked: Pick<Fields<AuthProps>, 'loginWith'> = { loginWith: AUTH_PROPS_SHAPE.fields.multifactor };
  expect([incomplete, unmarked]).toHaveLength(2);
});
