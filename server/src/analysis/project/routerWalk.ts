import { asFunction, isPackageExport, lastName, splitMember, type ShapeReader, type Value } from './shapeValues';
import type { IndexedModule } from './projectIndex';
import { ROUTER_PACKAGE, type Shape } from './shapes';
import { entry } from './summary';

/** A function found to run inside a route's request, as the walk reports it. */
export interface FoundHandler {
  value: Extract<Value, { kind: 'fn' }>;
  /** `tRPC mutation \`monitor.create\``: how messages name the scope. */
  label: string;
  /** Its name as the router knows it (a procedure's key, a callback's name). */
  name?: string;
  /** Sending is what it is for (Auth.js `sendVerificationRequest`, better-auth `sendResetPassword`). */
  sendIsPurpose?: boolean;
  /**
   * Where the handler sits below the route's URL, when the router says it: Hono's full path
   * (`/api/users/:id`), a tRPC or oRPC procedure's path (`monitor.create`, `planet/find`).
   */
  path?: string;
}

const TRPC_FETCH = /^@trpc\/server\/adapters\/(fetch|next-app-dir)$/;
const HONO_ADAPTERS = /^hono\/(vercel|nextjs)$|^@hono\/node-server\/vercel$/;
const HONO = /^hono$|^@hono\/zod-openapi$|^hono\/(quick|tiny)$/;
const HONO_TRPC = /^@hono\/trpc-server$/;
const ORPC_HANDLERS = /^@orpc\/(server|openapi)\/(fetch|node|standard)$/;
const NEXT_AUTH = /^next-auth$/;
const BETTER_AUTH = /^better-auth$/;
const BETTER_AUTH_NEXT = /^better-auth\/next-js$/;
const HONO_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head']);
const TRPC_PROCEDURE_KINDS = new Set(['query', 'mutation', 'subscription']);
/** Members through which a route hands its request on (`appRouter.createCaller`, `rpc.handle`, `app.fetch`, `handlers.GET`). */
const HANDOFF_MEMBERS = new Set(['createCaller', 'createCallerFactory', 'handle', 'fetch', 'handler', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Functions deeper than this in a better-auth or Auth.js configuration are data, not callbacks. */
const MAX_CONFIG_DEPTH = 6;

/**
 * Walks from what a route's method is or calls to the functions that run in its request: tRPC
 * procedures and middlewares, oRPC handlers, Hono handlers of apps mounted however deep, Auth.js
 * events/callbacks/adapters and better-auth hooks. Each shape is walked once per router kind, so
 * a router that merges itself or an app mounted into itself ends.
 */
export class RouterWalk {
  private readonly walked = new Set<string>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    private readonly reader: ShapeReader,
    private readonly found: (handler: FoundHandler) => void,
  ) {}

  /** What a route method is (a function, `handle(app)`, `handlers.GET`) or calls: where its request goes. */
  served(value: Value | undefined, depth = 0): void {
    if (!value || depth > 4 || !this.once('served', value)) return;
    if (value.kind === 'fn') {
      // A function: its calls that hand the request on (`fetchRequestHandler(...)`, `handler.handle(req)`).
      for (const handoff of value.fact?.handoffs ?? []) {
        if ('call' in handoff && mayHandOff(handoff.call, value.module)) this.served(this.reader.value(handoff, value.module), depth + 1);
      }
      for (const callee of value.fact?.calls ?? []) {
        if (!mayHandOff({ ref: callee }, value.module)) continue;
        const link = splitMember({ ref: callee });
        if (link) this.throughMember(link.member, this.reader.value(link.base, value.module), depth);
        else this.served(this.reader.value({ ref: callee }, value.module), depth + 1);
      }
      return;
    }
    // `handlers.GET`, `auth.handler`, `app.fetch`: what the member belongs to is what serves.
    if (value.kind === 'member') return this.served(value.of, depth + 1);
    if (value.kind !== 'shape') return;
    if (value.wraps) this.served(value.wraps, depth + 1);
    const { shape } = value;
    if ('any' in shape) for (const option of shape.any) this.served(this.reader.value(option, value.module, value.env), depth + 1);
    if (!('call' in shape)) return;
    const callee = this.reader.value(shape.call, value.module, value.env);
    const arg = (index: number): Value | undefined => this.reader.value(shape.args[index], value.module, value.env);
    if (isPackageExport(callee, TRPC_FETCH, 'fetchRequestHandler')) return this.trpc(this.reader.member(arg(0), 'router'), []);
    if (isPackageExport(callee, HONO_ADAPTERS, 'handle')) return this.hono(arg(0), '');
    if (isPackageExport(callee, BETTER_AUTH_NEXT, 'toNextJsHandler')) return this.served(arg(0), depth + 1);
    if (isPackageExport(callee, NEXT_AUTH, '')) return this.authJs(arg(0));
    if (isPackageExport(callee, BETTER_AUTH, 'betterAuth')) return this.betterAuth(arg(0), [], 0);
    if (lastName(shape.call) === 'createCallerFactory') return this.trpc(arg(0), []);
    if (isHonoApp(this.reader, value)) return this.hono(value, '');
    const link = splitMember(shape.call);
    if (link) this.throughMember(link.member, this.reader.value(link.base, value.module, value.env), depth);
    else this.served(callee, depth + 1);
  }

  /**
   * A call of a member of something (`appRouter.createCaller(ctx)`, `rpcHandler.handle(req)`,
   * `app.fetch(req)`, `auth.handler(req)`, `handlers.GET`), or of a helper of the route's module.
   */
  private throughMember(member: string, owner: Value | undefined, depth: number): void {
    if (!owner) return;
    if (member === 'createCaller') return this.trpc(owner, []);
    if (member === 'handle' && owner.kind === 'shape' && 'call' in owner.shape && owner.shape.new) {
      const handler = this.reader.value(owner.shape.call, owner.module, owner.env);
      if (handler?.kind === 'package' && ORPC_HANDLERS.test(handler.specifier)) return this.orpc(this.reader.value(owner.shape.args[0], owner.module, owner.env), []);
      return;
    }
    if (owner.kind === 'shape') this.served(owner, depth + 1);
  }

  // tRPC ---------------------------------------------------------------------------------------

  private trpc(router: Value | undefined, path: readonly string[]): void {
    if (!router || router.kind !== 'shape' || !this.once('trpc', router)) return;
    const { shape, module, env } = router;
    if ('obj' in shape) return this.trpcRecord(router, shape.obj, path);
    if ('any' in shape) return shape.any.forEach((option) => this.trpc(this.reader.value(option, module, env), path));
    if (!('call' in shape)) return;
    const record = shape.args.find((argument): argument is Extract<Shape, { obj: unknown }> => argument !== null && 'obj' in argument);
    if (record) return this.trpcRecord({ ...router, shape: record }, record.obj, path);
    // `mergeRouters(a, b)`, `t.mergeRouters(...)`: every argument is a router.
    for (const argument of shape.args) this.trpc(this.reader.value(argument, module, env), path);
  }

  private trpcRecord(router: Extract<Value, { kind: 'shape' }>, record: Record<string, Shape>, path: readonly string[]): void {
    for (const [key, shape] of Object.entries(record)) {
      const value = key.startsWith('...') ? this.reader.value(shape, router.module, router.env) : this.reader.value(shape, router.module, router.env);
      const keyPath = key.startsWith('...') ? path : [...path, key];
      if (!this.trpcProcedure(value, keyPath)) this.trpc(value, keyPath);
    }
  }

  /** `builder.input(x).mutation(fn)`: the function, and every `.use()` of the builders it is made from. */
  private trpcProcedure(value: Value | undefined, path: readonly string[]): boolean {
    if (value?.kind !== 'shape' || !('call' in value.shape)) return false;
    const link = splitMember(value.shape.call);
    if (!link || !TRPC_PROCEDURE_KINDS.has(link.member)) return false;
    const name = path.join('.');
    this.handler(this.reader.value(value.shape.args[0], value.module, value.env), { label: `tRPC ${link.member} \`${name}\``, name: path[path.length - 1], path: name });
    this.middlewares(this.reader.value(link.base, value.module, value.env), 'tRPC', name);
    return true;
  }

  /** Down a builder chain (`t.procedure.use(a).use(b)`, through names in other modules): its `.use()` functions. */
  private middlewares(builder: Value | undefined, kind: 'tRPC' | 'oRPC', of: string): void {
    for (let current = builder, links = 0; current && links < 64 && this.once(`${kind}-builder`, current); links++) {
      if (current.kind === 'member') {
        current = current.of;
        continue;
      }
      if (current.kind !== 'shape' || !('call' in current.shape)) return;
      const { shape, module, env } = current;
      const link = splitMember(shape.call);
      if (!link) return;
      if (link.member === 'use') for (const argument of shape.args) this.middleware(this.reader.value(argument, module, env), kind, of);
      current = this.reader.value(link.base, module, env);
    }
  }

  /** A middleware function, or a call that wraps one (`t.middleware(fn)`, `os.middleware(fn)`). */
  private middleware(value: Value | undefined, kind: 'tRPC' | 'oRPC', of: string): void {
    const label = (name: string | undefined) => `${kind} middleware ${name ? `\`${name}\`` : `of \`${of}\``}`;
    const fn = asFunction(value);
    if (fn) return this.handler(fn, { label: label(fn.origin?.name ?? value?.origin?.name) });
    if (value?.kind !== 'shape' || !('call' in value.shape)) return;
    for (const argument of value.shape.args) {
      const wrapped = this.reader.value(argument, value.module, value.env);
      if (wrapped?.kind === 'fn') this.handler(wrapped, { label: label(value.origin?.name) });
    }
  }

  // oRPC ---------------------------------------------------------------------------------------

  private orpc(router: Value | undefined, path: readonly string[]): void {
    if (!router || router.kind !== 'shape' || !this.once('orpc', router)) return;
    const { shape, module, env } = router;
    if ('obj' in shape) {
      for (const [key, property] of Object.entries(shape.obj)) {
        const value = this.reader.value(property, module, env);
        const keyPath = key.startsWith('...') ? path : [...path, key];
        if (!this.orpcProcedure(value, keyPath)) this.orpc(value, keyPath);
      }
      return;
    }
    if ('any' in shape) return shape.any.forEach((option) => this.orpc(this.reader.value(option, module, env), path));
    // `os.router({ ... })`, `os.prefix('/x').router({ ... })`: the record passed in, with the builder's middlewares.
    if ('call' in shape) {
      for (const argument of shape.args) if (argument && 'obj' in argument) this.orpc({ ...router, shape: argument }, path);
      const link = splitMember(shape.call);
      if (link?.member === 'router') this.middlewares(this.reader.value(link.base, module, env), 'oRPC', path.join('.') || 'router');
    }
  }

  private orpcProcedure(value: Value | undefined, path: readonly string[]): boolean {
    if (value?.kind !== 'shape' || !('call' in value.shape)) return false;
    const link = splitMember(value.shape.call);
    if (link?.member !== 'handler') return false;
    const name = path.join('.');
    this.handler(this.reader.value(value.shape.args[0], value.module, value.env), { label: `oRPC procedure \`${name}\``, name: path[path.length - 1], path: path.join('/') });
    this.middlewares(this.reader.value(link.base, value.module, value.env), 'oRPC', name);
    return true;
  }

  // Hono ---------------------------------------------------------------------------------------

  /**
   * A Hono app: the handlers of its chain (`new Hono().basePath('/api').get('/x', h)`), of the
   * statements that call methods on its name (`app.get(...)`, `app.route('/u', users)`), and of
   * functions it is passed to (`registerRoutes(app)`).
   */
  private hono(app: Value | undefined, base: string): void {
    // Once per app, at the first path it is met at: an app mounted into itself ends here.
    if (!app || !this.once('hono', app)) return;
    const prefix = app.kind === 'shape' ? this.honoChain(app, base, true) : base;
    const origin = app.origin;
    if (!origin || !this.once('hono-statements', origin.module.summary, `${origin.name}\u0000${prefix}`)) return;
    for (const effect of origin.module.summary.effects ?? []) {
      const statement = { kind: 'shape', module: origin.module, shape: effect } as const;
      if (rootName(effect) === origin.name) this.honoChain(statement, prefix, false);
      else if ('call' in effect) this.registeredBy(effect, origin, app, prefix);
    }
  }

  /** `registerRoutes(app)`: what the function registers on the parameter that receives the app. */
  private registeredBy(call: Extract<Shape, { call: unknown }>, origin: { module: Extract<Value, { kind: 'fn' }>['module']; name: string }, app: Value, base: string): void {
    const position = call.args.findIndex((argument) => argument !== null && 'ref' in argument && argument.ref === origin.name);
    if (position < 0) return;
    const callee = this.reader.value(call.call, origin.module);
    if (callee?.kind !== 'fn') return;
    const env: (Value | undefined)[] = [];
    env[position] = app;
    for (const registered of callee.fact?.registers ?? []) this.honoChain({ kind: 'shape', module: callee.module, shape: registered, env }, base, false);
  }

  /**
   * The registrations of a chain, innermost first (a `basePath` applies to what follows it); with
   * `followRoot`, also the app the chain starts from. Returns the base path the chain ends with.
   */
  private honoChain(chain: Extract<Value, { kind: 'shape' }>, base: string, followRoot: boolean): string {
    const links: { member: string; args: readonly (Shape | null)[] }[] = [];
    let current: Shape = chain.shape;
    while (links.length < 256 && 'call' in current) {
      const link = splitMember(current.call);
      if (!link) break;
      links.push({ member: link.member, args: current.args });
      current = link.base;
    }
    if (followRoot && current !== chain.shape) this.hono(this.reader.value(current, chain.module, chain.env), base);
    let prefix = base;
    for (const link of links.reverse()) {
      if (!this.reader.step()) break;
      if (link.member === 'basePath') prefix = joinPath(prefix, stringAt(link.args, 0));
      else this.honoLink(link.member, link.args, chain, prefix);
    }
    return prefix;
  }

  private honoLink(method: string, args: readonly (Shape | null)[], at: Extract<Value, { kind: 'shape' }>, base: string): void {
    const value = (shape: Shape | null | undefined) => this.reader.value(shape, at.module, at.env);
    if (HONO_METHODS.has(method) || method === 'on' || method === 'openapi') {
      // `app.get(path, ...handlers)`, `app.on(method, path, ...handlers)`, `app.openapi(route, handler)`.
      const pathIndex = method === 'on' ? 1 : 0;
      const routePath = method === 'openapi' ? undefined : stringAt(args, pathIndex);
      const first = method === 'openapi' ? 1 : routePath === undefined && method !== 'on' ? 0 : pathIndex + 1;
      const verb = method === 'on' ? (stringAt(args, 0) ?? 'ON') : method === 'openapi' ? 'OPENAPI' : method.toUpperCase();
      const where = joinPath(base, routePath);
      for (const handler of args.slice(first)) this.honoHandler(value(handler), `Hono handler \`${verb} ${where}\``, where);
    } else if (method === 'use') {
      const routePath = stringAt(args, 0);
      const where = joinPath(base, routePath ?? '*');
      for (const handler of args.slice(routePath === undefined ? 0 : 1)) this.honoHandler(value(handler), `Hono middleware \`${where}\``, where);
    } else if (method === 'route') {
      this.hono(value(args[1]), joinPath(base, stringAt(args, 0)));
    }
  }

  /** A handler or middleware: a function, `factory.createHandlers(...)`, or tRPC mounted as middleware. */
  private honoHandler(value: Value | undefined, label: string, path: string): void {
    if (asFunction(value)) return this.handler(value, { label, path });
    if (value?.kind !== 'shape' || !('call' in value.shape)) return;
    const callee = this.reader.value(value.shape.call, value.module, value.env);
    if (isPackageExport(callee, HONO_TRPC, 'trpcServer')) return this.trpc(this.reader.member(this.reader.value(value.shape.args[0], value.module, value.env), 'router'), []);
    for (const argument of value.shape.args) {
      const wrapped = this.reader.value(argument, value.module, value.env);
      if (wrapped?.kind === 'fn') this.handler(wrapped, { label, path });
    }
  }

  // Auth.js ------------------------------------------------------------------------------------

  private authJs(config: Value | undefined): void {
    if (!config || !this.once('authjs', config)) return;
    if (config.kind === 'fn') return this.authJs(this.reader.value(config.returns, config.module));
    if (config.kind !== 'shape' || !('obj' in config.shape)) return;
    const section = (name: string) => this.reader.member(config, name);
    this.functionsOf(section('events'), (name) => `Auth.js event \`${name}\``);
    this.functionsOf(section('callbacks'), (name) => `Auth.js callback \`${name}\``);
    let adapter = section('adapter');
    // `adapter: MyAdapter(db)`: the object the function returns.
    if (adapter?.kind === 'shape' && 'call' in adapter.shape && !adapter.wraps) {
      const maker = this.reader.value(adapter.shape.call, adapter.module, adapter.env);
      adapter = maker?.kind === 'fn' ? this.reader.value(maker.returns, maker.module) : undefined;
    }
    this.functionsOf(adapter, (name) => `Auth.js adapter method \`${name}\``);
    for (const provider of this.elements(section('providers'))) {
      const options = provider.kind === 'shape' && 'call' in provider.shape ? this.reader.value(provider.shape.args[0], provider.module, provider.env) : provider;
      const send = this.reader.member(options, 'sendVerificationRequest');
      if (asFunction(send)) this.handler(send, { label: 'Auth.js provider `sendVerificationRequest`', name: 'sendVerificationRequest', sendIsPurpose: true });
    }
    for (const key of Object.keys(config.shape.obj)) if (key.startsWith('...')) this.authJs(this.reader.value(config.shape.obj[key], config.module, config.env));
  }

  /** The function-valued properties of an object (its spreads included). */
  private functionsOf(object: Value | undefined, label: (name: string) => string): void {
    if (object?.kind !== 'shape' || !('obj' in object.shape) || !this.once('members', object)) return;
    for (const [key, shape] of Object.entries(object.shape.obj)) {
      const value = this.reader.value(shape, object.module, object.env);
      if (key.startsWith('...')) this.functionsOf(value, label);
      else if (asFunction(value)) this.handler(value, { label: label(key), name: key });
    }
  }

  /** The elements of an array, spreads and `cond ? [a] : []` flattened. */
  private elements(value: Value | undefined, depth = 0): Value[] {
    if (value?.kind !== 'shape' || depth > 3) return value ? [value] : [];
    const { shape, module, env } = value;
    const list = 'arr' in shape ? shape.arr : 'any' in shape ? shape.any : undefined;
    if (!list) return [value];
    return list.flatMap((element) => this.elements(this.reader.value(element, module, env), depth + 1));
  }

  // better-auth --------------------------------------------------------------------------------

  /**
   * better-auth's options: every function under `databaseHooks` and `hooks`, and the `on*` and
   * `send*` callbacks anywhere in the options and in its plugins' options.
   */
  private betterAuth(options: Value | undefined, path: readonly string[], depth: number): void {
    if (!options || depth > MAX_CONFIG_DEPTH || !this.once('better-auth', options)) return;
    if (asFunction(options)) {
      const name = path[path.length - 1] ?? '';
      const hook = path[0] === 'databaseHooks' || path[0] === 'hooks';
      if (hook || /^(on|send)[A-Z]/.test(name)) {
        this.handler(options, { label: `better-auth ${hook ? (path[0] === 'hooks' ? 'hook' : 'database hook') : 'callback'} \`${path.join('.')}\``, name, sendIsPurpose: /^send[A-Z]/.test(name) });
      }
      return;
    }
    if (options.kind !== 'shape') return;
    const { shape, module, env } = options;
    if ('obj' in shape) {
      for (const [key, property] of Object.entries(shape.obj)) this.betterAuth(this.reader.value(property, module, env), key.startsWith('...') ? path : [...path, key], depth + 1);
    } else if ('arr' in shape || 'any' in shape) {
      for (const element of this.elements(options)) this.betterAuth(element, path, depth + 1);
    } else if ('call' in shape) {
      // `createAuthMiddleware(fn)` under hooks, `magicLink({ sendMagicLink })` in plugins.
      for (const argument of shape.args) this.betterAuth(this.reader.value(argument, module, env), path, depth + 1);
    }
  }

  // -------------------------------------------------------------------------------------------

  private handler(value: Value | undefined, found: Omit<FoundHandler, 'value'>): void {
    const fn = asFunction(value);
    if (fn) this.found({ value: fn, ...found });
  }

  /** True the first time a walk of this kind meets this value's shape (or this name's statements). */
  private once(kind: string, value: Value | object, name = ''): boolean {
    if (!this.reader.step()) return false;
    const key = `${kind}\u0000${this.idOf(value)}\u0000${name}\u0000${'env' in value && value.env ? value.env.map((entry) => (entry ? this.idOf(entry) : '')).join(',') : ''}`;
    if (this.walked.has(key)) return false;
    this.walked.add(key);
    return true;
  }

  /** What makes two values the same for a walk: the shape (or summary) they were read from, or the function's place. */
  private idOf(value: Value | object): string {
    if ('kind' in value && (value as Value).kind === 'fn') {
      const fn = value as Extract<Value, { kind: 'fn' }>;
      return `${fn.module.file}\u0000${fn.id}`;
    }
    const object = identity(value);
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
    }
    return String(id);
  }
}

function identity(value: Value | object): object {
  if (!('kind' in value)) return value;
  const typed = value as Value;
  switch (typed.kind) {
    case 'shape':
      return typed.shape;
    case 'module':
      return typed.module.summary;
    default:
      return typed;
  }
}

/** Whether a call shape is a Hono app: `new Hono()`, or a chain of app methods that starts from one. */
function isHonoApp(reader: ShapeReader, value: Value): boolean {
  for (let current: Value | undefined = value, links = 0; current?.kind === 'shape' && links < 64; links++) {
    const { shape } = current;
    if (!('call' in shape)) return false;
    if (shape.new) return isPackageExport(reader.value(shape.call, current.module, current.env), HONO, 'Hono') || isPackageExport(reader.value(shape.call, current.module, current.env), HONO, 'OpenAPIHono');
    const link = splitMember(shape.call);
    if (!link || !(HONO_METHODS.has(link.member) || link.member === 'basePath' || link.member === 'route' || link.member === 'use')) return false;
    current = reader.value(link.base, current.module, current.env);
  }
  return false;
}

/**
 * Whether a call a route method makes may hand its request on, judged from the route module's
 * own summary before anything is resolved: a call of the module's own function, of a router
 * package's export, or of a member named like a handoff (`createCaller`, `handle`, `fetch`...).
 * Everything else (`db.insert(users)`, `NextResponse.json(...)`) is not followed, so no module is
 * read for it.
 */
function mayHandOff(callee: Shape, module: IndexedModule): boolean {
  const root = rootName(callee);
  if (root === undefined) return false;
  if (entry(module.summary.locals, root) !== undefined) return true;
  const imported = entry(module.summary.imports, root);
  if (!imported) return false;
  const member = lastName(callee);
  return ROUTER_PACKAGE.test(imported.from) || (member !== undefined && HANDOFF_MEMBERS.has(member));
}

/** The module-level name a chain of calls starts from: `app` of `app.get(...).post(...)`. */
function rootName(shape: Shape): string | undefined {
  let current: Shape = shape;
  for (let links = 0; links < 256; links++) {
    if ('call' in current) current = current.call;
    else if ('get' in current) current = current.get;
    else if ('ref' in current) return current.ref.split('.')[0];
    else return undefined;
  }
  return undefined;
}

function stringAt(args: readonly (Shape | null)[], index: number): string | undefined {
  const shape = args[index];
  return shape && 'str' in shape ? shape.str : undefined;
}

function joinPath(base: string, path: string | undefined): string {
  if (path === undefined) return base || '/';
  const joined = `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined === '/' ? '/' : joined.replace(/\/$/, '') || '/';
}
