import type { Entity, IndexedModule, ProjectIndex } from './projectIndex';
import type { FunctionId, Shape } from './shapes';
import { entry, type FunctionFact } from './summary';

/**
 * What a shape stands for once its names are followed through the project index: a function of a
 * module, a shape written in a module (an object, a call, a chain), an export of a package, or a
 * whole module. Values remember the module-level name they were reached through (`origin`): a Hono
 * app's routes are the statements that call methods on that name.
 */
export type Value =
  | { kind: 'fn'; module: IndexedModule; id: FunctionId; fact?: FunctionFact; returns?: Shape; origin?: Origin }
  | {
      kind: 'shape';
      module: IndexedModule;
      shape: Shape;
      env?: readonly (Value | undefined)[];
      origin?: Origin;
      /** The facts of the functions of a module-level object, by property. */
      members?: Record<string, FunctionFact>;
      /** The function a wrapping call stands for (`const mw = os.use(fn)`): where a function is wanted, this is it. */
      wraps?: Extract<Value, { kind: 'fn' }>;
    }
  | { kind: 'package'; specifier: string; path: string[]; origin?: Origin }
  | { kind: 'module'; module: IndexedModule; origin?: Origin }
  /** A member of a value written as a call or chain (`app.fetch`, `NextAuth(config).handlers`): the value is kept whole. */
  | { kind: 'member'; of: Value; name: string; origin?: Origin };

export interface Origin {
  module: IndexedModule;
  name: string;
}

/** How many steps one walk over an app's routers may take: a generated router of thousands of procedures still ends. */
const MAX_STEPS = 200_000;
/** Names followed in a row (`a` is `b` is `c`...): deeper is a cycle or not worth following. */
const MAX_REF_DEPTH = 24;

/**
 * Follows shapes through the index for one walk. Every step is counted, and every name being
 * followed is on a stack: a name that leads back to itself (`const a = b; const b = a`, two
 * modules that import each other's router) ends there instead of looping.
 */
export class ShapeReader {
  private steps = 0;
  private readonly following: string[] = [];

  constructor(readonly index: ProjectIndex) {}

  /** Counts a step; false once the walk has used its budget. */
  step(): boolean {
    return ++this.steps <= MAX_STEPS;
  }

  /** The value of a shape written in `module` (parameters taken from `env`). */
  value(shape: Shape | null | undefined, module: IndexedModule, env?: readonly (Value | undefined)[]): Value | undefined {
    if (!shape || !this.step()) return undefined;
    if ('fn' in shape) return { kind: 'fn', module, id: shape.fn, returns: shape.returns };
    if ('ref' in shape) return this.name(module, shape.ref);
    if ('param' in shape) return env?.[shape.param];
    if ('get' in shape) return this.member(this.value(shape.get, module, env), shape.name);
    return { kind: 'shape', module, shape, env };
  }

  /** A dotted name seen from the top of a module: `appRouter`, `auth.handler`, `#init0.handlers`. */
  name(module: IndexedModule, dotted: string): Value | undefined {
    const key = `${module.file}\u0000${dotted}`;
    if (this.following.includes(key) || this.following.length >= MAX_REF_DEPTH) return undefined;
    this.following.push(key);
    try {
      const [root, ...rest] = dotted.split('.');
      let value = root === undefined ? undefined : this.entity(this.index.local(module, root));
      for (const member of rest) value = this.member(value, member);
      return value;
    } finally {
      this.following.pop();
    }
  }

  /** `value.name`: an export of a module, a property of an object written here, a member of a package. */
  member(value: Value | undefined, name: string): Value | undefined {
    if (!value || !this.step()) return undefined;
    switch (value.kind) {
      case 'package':
        return { kind: 'package', specifier: value.specifier, path: [...value.path, name] };
      case 'module':
        return this.entity(this.index.exported(value.module, name));
      case 'fn':
        return undefined;
      case 'member':
        return { kind: 'member', of: value, name };
      case 'shape':
        return 'obj' in value.shape ? this.property(value, value.shape.obj, name) : { kind: 'member', of: value, name };
    }
  }

  /** A property of an object literal, also one brought in by a spread (`{ ...base, extra }`). */
  private property(value: Extract<Value, { kind: 'shape' }>, obj: Record<string, Shape>, name: string): Value | undefined {
    const own = entry(obj, name);
    if (own) {
      const found = this.value(own, value.module, value.env);
      // A function of a module-level object has its own facts (what a route's `GET` hands its request to).
      const fact = entry(value.members, name);
      return found?.kind === 'fn' && fact ? { ...found, fact } : found;
    }
    for (const key of Object.keys(obj)) {
      if (!key.startsWith('...')) continue;
      const spread = this.value(obj[key], value.module, value.env);
      const found = spread && this.member(spread, name);
      if (found && found.kind !== 'member') return found;
    }
    return undefined;
  }

  /** What an entity of the index is as a value; `name` keeps the name it was declared under. */
  entity(entity: Entity | undefined): Value | undefined {
    if (!entity) return undefined;
    if (entity.kind === 'package') return { kind: 'package', specifier: entity.specifier, path: [...entity.path] };
    if (entity.kind === 'module') return { kind: 'module', module: entity.module };
    const { module, name, fact } = entity;
    const origin = { module, name };
    if (fact.kind === 'function') {
      const fn = { kind: 'fn', module, id: `n:${name}`, fact, returns: fact.returnsShape, origin } as const;
      if (!fact.shape) return fn;
      const wrapping = this.named(module, name, fact.shape);
      return wrapping?.kind === 'shape' ? { ...wrapping, origin, wraps: fn } : fn;
    }
    if (fact.shape) {
      const value = this.named(module, name, fact.shape);
      if (value?.kind === 'shape' && fact.members && 'obj' in value.shape) value.members = fact.members;
      return value && withOrigin(value, origin);
    }
    return undefined;
  }

  /** The value of a module-level name's own shape, guarded like a dotted name. */
  private named(module: IndexedModule, name: string, shape: Shape): Value | undefined {
    const key = `${module.file}\u0000=${name}`;
    if (this.following.includes(key)) return undefined;
    this.following.push(key);
    try {
      return this.value(shape, module);
    } finally {
      this.following.pop();
    }
  }
}

/** A value keeps the first name it was reached through: `app` of `const app = new Hono()`. */
function withOrigin(value: Value, origin: Origin): Value {
  return value.origin ? value : { ...value, origin };
}

/** `a.b.c` split into its base and last member, whether written as a dotted name or a chain. */
export function splitMember(shape: Shape): { base: Shape; member: string } | undefined {
  if ('get' in shape) return { base: shape.get, member: shape.name };
  if ('ref' in shape) {
    const dot = shape.ref.lastIndexOf('.');
    return dot > 0 ? { base: { ref: shape.ref.slice(0, dot) }, member: shape.ref.slice(dot + 1) } : undefined;
  }
  return undefined;
}

/** The last name of a callee (`createCallerFactory` of `t.createCallerFactory`), when it has one. */
export function lastName(shape: Shape): string | undefined {
  if ('ref' in shape) return shape.ref.slice(shape.ref.lastIndexOf('.') + 1);
  if ('get' in shape) return shape.name;
  return undefined;
}

/** Whether a value is an export of one of these packages, with this path below it. */
export function isPackageExport(value: Value | undefined, specifiers: RegExp, path: string): boolean {
  return value?.kind === 'package' && specifiers.test(value.specifier) && value.path.join('.') === path;
}

/** The function a value stands for: itself, or the one a wrapping call is made around. */
export function asFunction(value: Value | undefined): Extract<Value, { kind: 'fn' }> | undefined {
  if (value?.kind === 'fn') return value;
  return value?.kind === 'shape' ? value.wraps : undefined;
}
