import { code, ruleTable, type InvalidCase, type RuleCase } from './ruleTester';

// Auth.js and better-auth run their events, callbacks, adapters and hooks inside the auth route's
// request (rules.md, "Request scopes behind routers").

const TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } });
const AUTHJS_ROUTE = "import { handlers } from '@/auth'\nexport const { GET, POST } = handlers\n";

const AUTHJS = code`
  import NextAuth from 'next-auth'
  import Resend from 'next-auth/providers/resend'
  import { adapter } from './adapter'
  export const { handlers, auth, signIn, signOut } = NextAuth({
    adapter,
    providers: [
      Resend({
        async sendVerificationRequest({ identifier, url }) {
          await sendMagicLinkEmail(identifier, url)
        },
      }),
    ],
    callbacks: {
      async signIn({ user }) {
        await auditSignIn(user.id)
        return true
      },
    },
    events: {
      async createUser({ user }) {
        await sendWelcomeEmail(user.email)
        await trackSignup(user.id)
      },
    },
  })
`;
const ADAPTER = code`
  export const adapter = {
    async createUser(data: { email: string }) {
      const user = await db.user.create({ data })
      await logUserCreated(user.id)
      return user
    },
  }
`;

const BETTER_AUTH = code`
  import { betterAuth } from 'better-auth'
  import { createAuthMiddleware } from 'better-auth/api'
  import { magicLink } from 'better-auth/plugins'
  export const auth = betterAuth({
    emailAndPassword: {
      enabled: true,
      sendResetPassword: async ({ user, url }) => {
        await sendResetEmail(user.email, url)
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await trackSignup(user.id)
          },
        },
      },
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        await logAuthEvent(ctx.path)
      }),
    },
    plugins: [magicLink({ sendMagicLink: async ({ email, url }) => { await sendEmail(email, url) } })],
  })
`;
const BETTER_AUTH_ROUTE = "import { toNextJsHandler } from 'better-auth/next-js'\nimport { auth } from '@/lib/auth'\nexport const { GET, POST } = toNextJsHandler(auth)\n";

const valid: RuleCase[] = [
  { name: 'Auth.js: a configuration no route serves stays unknown', path: 'auth.ts', code: AUTHJS, files: { 'adapter.ts': ADAPTER, 'tsconfig.json': TSCONFIG } },
  { name: 'better-auth: options no route serves stay unknown', path: 'lib/auth.ts', code: BETTER_AUTH, files: { 'tsconfig.json': TSCONFIG } },
];

const invalid: InvalidCase[] = [
  {
    name: "Auth.js: events and callbacks run in the auth route's request; the provider's verification email is its purpose",
    path: 'auth.ts',
    code: AUTHJS,
    files: { 'adapter.ts': ADAPTER, 'app/api/auth/[...nextauth]/route.ts': AUTHJS_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@15:7', 'blocking-side-effect@21:7', 'blocking-side-effect@22:7'],
    messageIncludes: ['served by app/api/auth/[...nextauth]/route.ts'],
  },
  {
    name: 'Auth.js: the methods of the adapter object, from another file',
    path: 'adapter.ts',
    code: ADAPTER,
    files: { 'auth.ts': AUTHJS, 'app/api/auth/[...nextauth]/route.ts': AUTHJS_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@4:5'],
    messageIncludes: ['Auth.js adapter method `createUser`, served by app/api/auth/[...nextauth]/route.ts'],
  },
  {
    name: 'Auth.js v4: NextAuth(authOptions) exported as { handler as GET, handler as POST }, with a configuration in another file',
    path: 'lib/auth-options.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth'
      export const authOptions: NextAuthOptions = {
        providers: [],
        events: {
          async signIn({ user }) {
            await recordVisit(user.id)
          },
        },
      }
    `,
    files: {
      'app/api/auth/[...nextauth]/route.ts': "import NextAuth from 'next-auth'\nimport { authOptions } from '@/lib/auth-options'\nconst handler = NextAuth(authOptions)\nexport { handler as GET, handler as POST }\n",
      'tsconfig.json': TSCONFIG,
    },
    errors: ['blocking-side-effect@6:7'],
    messageIncludes: ['Auth.js event `signIn`, served by app/api/auth/[...nextauth]/route.ts'],
  },
  {
    name: 'Auth.js: a configuration made by a function of the request, and an adapter made by a function',
    path: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth'
      function appAdapter(client: unknown) {
        return {
          async linkAccount(account: { userId: string }) {
            await auditAccountLinked(account.userId)
          },
        }
      }
      export const { handlers } = NextAuth((req) => ({
        adapter: appAdapter(db),
        events: { async signOut() { await trackSignOut() } },
      }))
    `,
    files: { 'app/api/auth/[...nextauth]/route.ts': AUTHJS_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@5:7', 'blocking-side-effect@11:31'],
    messageIncludes: ['served by app/api/auth/[...nextauth]/route.ts'],
  },
  {
    name: 'better-auth: database hooks, hooks.after and on* callbacks run in the auth route; send* emails are their purpose',
    path: 'lib/auth.ts',
    code: BETTER_AUTH,
    files: { 'app/api/auth/[...all]/route.ts': BETTER_AUTH_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@15:11', 'blocking-side-effect@22:7'],
    messageIncludes: ['served by app/api/auth/[...all]/route.ts'],
  },
  {
    name: 'better-auth: served as export const POST = auth.handler',
    path: 'lib/auth.ts',
    code: BETTER_AUTH,
    files: { 'app/api/auth/[...all]/route.ts': "import { auth } from '@/lib/auth'\nexport const GET = auth.handler\nexport const POST = auth.handler\n", 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@15:11', 'blocking-side-effect@22:7'],
    messageIncludes: ['better-auth ', 'served by app/api/auth/[...all]/route.ts'],
  },
];

ruleTable('blocking-side-effect', { valid, invalid });
