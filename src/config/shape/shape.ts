/**
 * A small description language for the props, checked at run time before any rule runs. Plain
 * JavaScript, JSON configs and every jsii language reach the construct without TypeScript's checks;
 * this is where a wrong type, an unknown key or a misspelt enum value gets our error instead of a
 * TypeError or, worse, a weaker pool.
 *
 * `Fields<T>` maps every key of a props interface to a shape of that key's type, so leaving a prop
 * out of the description is a compile error; `test/construct/props-shape.test.ts` also compares the
 * description with the jsii assembly (`.jsii`), which is what other languages see.
 */
import { Construct } from 'constructs';
import { closest } from './closest';
import { lazy } from '../../lazy';
import { isToken } from '../tokens';

/** Reports one malformed value. */
export type Report = (path: string, message: string, fix?: string) => void;

/** How the jsii assembly writes a type reference (a subset: what the props use). */
export type JsiiType =
  | { readonly primitive: 'boolean' | 'string' | 'number' | 'any' }
  | { readonly fqn: string }
  | { readonly collection: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiType } };

/** The run-time description of one type. */
export interface Shape<T> {
  /** What a good value looks like, for messages: "true or false", "a Duration". */
  readonly expected: string;
  readonly jsii: JsiiType;
  /** Type-level only: ties the shape to `T` (and only `T`). */
  readonly _type?: (value: T) => T;
  /** Checks a value that is present (neither undefined nor null). */
  check(value: unknown, path: string, report: Report): void;
}

/** A shape for a prop the interface requires. */
export interface RequiredShape<T> extends Shape<T> {
  readonly required: true;
}

/** One shape per key of `T`, required keys marked: a missing key does not compile. */
export type Fields<T> = {
  readonly [K in keyof T]-?: undefined extends T[K] ? Shape<NonNullable<T[K]>> : RequiredShape<T[K]>;
};

/** A TypeScript enum, and the names of its members. */
export interface EnumShape<E> extends Shape<E> {
  readonly members: readonly string[];
}

/** An array or map, and the shape of its elements. */
export interface CollectionShape<T, E> extends Shape<T> {
  readonly element: Shape<E>;
}

/** A struct (jsii data type): known keys only. */
export interface StructShape<T> extends Shape<T> {
  readonly fields: Fields<T>;
}

export function required<T>(shape: Shape<T>): RequiredShape<T> {
  return { ...shape, check: shape.check, required: true };
}

export function boolean(): Shape<boolean> {
  return {
    expected: 'true or false',
    jsii: { primitive: 'boolean' },
    check(value, path, report) {
      if (typeof value === 'boolean') return;
      const fix = value === 'true' || value === 'false' ? `write ${value} without quotes` : undefined;
      report(path, `must be true or false, got ${describe(value)}`, fix);
    },
  };
}

/** A string; tokens are allowed (the rules say what they cannot check in one). */
export function string(): Shape<string> {
  return {
    expected: 'a string',
    jsii: { primitive: 'string' },
    check(value, path, report) {
      if (typeof value !== 'string') report(path, `must be a string, got ${describe(value)}`);
    },
  };
}

/** A number; a token (`Token.asNumber`) is allowed, NaN and infinities are not. */
export function number(): Shape<number> {
  return {
    expected: 'a number',
    jsii: { primitive: 'number' },
    check(value, path, report) {
      if (typeof value !== 'number') report(path, `must be a number, got ${describe(value)}`);
      else if (!Number.isFinite(value)) report(path, `must be a finite number, got ${value}`);
    },
  };
}

/** A TypeScript enum object (a numeric enum maps its values back to its names too). */
type EnumObject<E> = Record<string, E | string | number>;

/**
 * A value of a TypeScript enum. Never a token: each enum here decides what the construct creates.
 * @param name how users write the enum, e.g. `MfaMode` or `cognito.FeaturePlan`
 * @param aliases other words for a member, e.g. Cognito's `ON` for `MfaMode.REQUIRED`
 * @param members the enum object, or a function returning it for an enum whose module only some
 *   configs load (read on the first check or description; see lazy.ts)
 */
export function enumOf<E extends string | number>(
  name: string, fqn: string, members: EnumObject<E> | (() => EnumObject<E>), aliases: Record<string, E> = {},
): EnumShape<E> {
  const described = lazy(() => {
    const entries = Object.entries(typeof members === 'function' ? members() : members).filter(([key]) => !/^\d+$/.test(key)) as Array<[string, E]>;
    const label = ([key, value]: [string, E]) => `${name}.${key} (${JSON.stringify(value)})`;
    const listed = entries.length <= 8 ? entries.map(label).join(', ') : `${entries.slice(0, 6).map(label).join(', ')}, ... (${entries.length} values)`;
    return { entries, listed, values: new Set<unknown>(entries.map(([, value]) => value)) };
  });
  return {
    get expected() { return `one of ${described().listed}`; },
    jsii: { fqn },
    get members() { return described().entries.map(([key]) => key); },
    check(value, path, report) {
      const { entries, listed, values } = described();
      if (values.has(value)) return;
      if (isToken(value)) {
        report(path, 'cannot be a token: it decides what this construct synthesizes, so it must be known at synth time', `give one of ${listed}`);
        return;
      }
      report(path, `must be one of ${listed}, got ${describe(value)}`, enumHint(value, name, entries, aliases));
    },
  };
}

function enumHint<E>(value: unknown, name: string, entries: Array<[string, E]>, aliases: Record<string, E>): string | undefined {
  if (typeof value !== 'string') return undefined;
  const member = (target: E) => entries.find(([, v]) => v === target)!;
  const alias = Object.entries(aliases).find(([word]) => word.toLowerCase() === value.toLowerCase());
  if (alias) {
    const [key, v] = member(alias[1]);
    return `"${alias[0]}" means ${name}.${key} here; write ${name}.${key} (${JSON.stringify(v)})`;
  }
  const byValue = entries.find(([, v]) => String(v).toLowerCase() === value.toLowerCase());
  const byName = entries.find(([key]) => key.toLowerCase() === value.toLowerCase());
  const found = byValue ?? byName;
  if (found) return `did you mean ${name}.${found[0]} (${JSON.stringify(found[1])})? Enum values are exact`;
  return undefined;
}

/** A `Duration`. Duck-typed, so a Duration from a second copy of aws-cdk-lib still counts. */
export function duration(): Shape<import('aws-cdk-lib').Duration> {
  return {
    expected: 'a Duration',
    jsii: { fqn: 'aws-cdk-lib.Duration' },
    check(value, path, report) {
      const v = value as { toMilliseconds?: unknown; isUnresolved?: unknown };
      if (typeof value === 'object' && typeof v.toMilliseconds === 'function' && typeof v.isUnresolved === 'function') return;
      const fix = typeof value === 'number' ? `use Duration.seconds(${value}), Duration.minutes(${value}) or Duration.days(${value})` : 'use Duration.minutes(...), Duration.days(...)';
      report(path, `must be a Duration, got ${describe(value)}`, fix);
    },
  };
}

/**
 * A construct reference such as `lambda.IFunction`, recognised by the attribute every implementation
 * has (imported ones too), so it works across copies of aws-cdk-lib.
 */
export function construct<T>(name: string, fqn: string, attribute: string): Shape<T> {
  return {
    expected: `a ${name}`,
    jsii: { fqn },
    check(value, path, report) {
      if (Construct.isConstruct(value) && typeof (value as any)[attribute] === 'string') return;
      report(path, `must be a ${name}, got ${describe(value)}`);
    },
  };
}

/** An object recognised by a method it must have (jsii interfaces that are not constructs). */
export function withMethod<T>(name: string, fqn: string, method: string): Shape<T> {
  return {
    expected: `a ${name}`,
    jsii: { fqn },
    check(value, path, report) {
      if (value !== null && typeof value === 'object' && typeof (value as any)[method] === 'function') return;
      report(path, `must be a ${name}, got ${describe(value)}`);
    },
  };
}

/** An array; a list token (`Token.asList`, `Fn.split`) counts, its elements are checked one by one. */
export function arrayOf<T>(element: Shape<T>): CollectionShape<T[], T> {
  return {
    element,
    expected: `an array of ${element.expected.replace(/^(a|an|one of) /, '')}`,
    jsii: { collection: { kind: 'array', elementtype: element.jsii } },
    check(value, path, report) {
      if (Array.isArray(value) && isToken(value)) {
        // A whole-list token could reach a trigger's JSON only through a custom resource; its elements may be tokens.
        report(path, 'cannot be a list token (Token.asList, Fn.split, a CommaDelimitedList parameter)', 'give an array; each element may be a token');
        return;
      }
      if (!Array.isArray(value)) {
        report(path, `must be an array, got ${describe(value)}`, `write [${typeof value === 'string' ? JSON.stringify(value) : '...'}]`);
        return;
      }
      value.forEach((item, index) => checkValue(element, item, `${path}[${index}]`, report, true));
    },
  };
}

/** A map from names to values (e.g. custom attributes). */
export function mapOf<T>(element: Shape<T>): CollectionShape<{ [name: string]: T }, T> {
  return {
    element,
    expected: `an object of ${element.expected.replace(/^(a|an) /, '')}`,
    jsii: { collection: { kind: 'map', elementtype: element.jsii } },
    check(value, path, report) {
      if (!isPlainObject(value)) {
        report(path, `must be an object of names to ${element.expected.replace(/^(a|an) /, '')}, got ${describe(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) checkValue(element, item, `${path}.${key}`, report, true);
    },
  };
}

/** A struct: every known key checked, unknown keys refused with the closest known one. */
export function struct<T>(name: string, fqn: string, fields: Fields<T>): StructShape<T> {
  const known = Object.keys(fields);
  return {
    expected: `an object (${name})`,
    jsii: { fqn },
    fields,
    check(value, path, report) {
      if (!isPlainObject(value)) {
        report(path, `must be an object (${name}), got ${describe(value)}`);
        return;
      }
      for (const key of known) {
        const field = (fields as Record<string, Shape<unknown> & { required?: true }>)[key];
        checkValue(field, value[key], join(path, key), report, field.required === true);
      }
      for (const key of Object.keys(value)) {
        if (known.includes(key)) continue;
        const guess = closest(key, known);
        report(join(path, key), `is not a known option of ${name}`,
          guess ? `did you mean \`${guess}\`?` : `known options: ${known.join(', ')}`);
      }
    },
  };
}

/** Checks a value that may be missing: undefined means "not set", null is never a value here. */
export function checkValue<T>(shape: Shape<T>, value: unknown, path: string, report: Report, isRequired: boolean): void {
  if (value === undefined) {
    if (isRequired) report(path, 'is required', `give ${shape.expected}`);
    return;
  }
  if (value === null) {
    report(path, 'is null, which is not a value here', isRequired ? `give ${shape.expected}` : `leave it out for the default, or give ${shape.expected}`);
    return;
  }
  shape.check(value, path, report);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Construct.isConstruct(value);
}

/** A value as a message shows it: its type, and the value when it is short and harmless. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': return isToken(value) ? 'a token string' : `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    case 'number': return isToken(value) ? 'a token number' : `the number ${value}`;
    case 'boolean': return `${value}`;
    case 'function': return 'a function';
    case 'object': return Construct.isConstruct(value) ? `the construct ${value.node.path}` : 'an object';
    default: return `a ${typeof value}`;
  }
}
