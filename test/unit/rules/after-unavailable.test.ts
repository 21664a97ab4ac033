import { code, ruleTable } from './ruleTester';

ruleTable('after-unavailable', {
  valid: [
    { name: '15.1.0', path: 'app/page.tsx', nextVersion: '15.1.0', code: `import { after } from 'next/server'\n` },
    { name: 'caret range from 15.1', path: 'app/page.tsx', nextVersion: '^15.1.0', code: `import { after } from 'next/server'\n` },
    { name: 'unknown version', path: 'app/page.tsx', code: `import { after } from 'next/server'\n` },
    { name: '16', path: 'app/page.tsx', nextVersion: '16.0.1', code: `import { after } from 'next/server'\n` },
    { name: 'unstable_after on 15.0', path: 'app/page.tsx', nextVersion: '15.0.3', code: `import { unstable_after as after } from 'next/server'\n` },
    { name: '15.1 canary', path: 'app/page.tsx', nextVersion: '15.1.0-canary.20', code: `import { after } from 'next/server'\n` },
  ],
  invalid: [
    {
      name: '15.0.3 gets unstable_after as after',
      path: 'app/page.tsx',
      nextVersion: '15.0.3',
      code: code`
        import { after } from 'next/server'
        export default async function Page() { after(() => {}); return <main /> }
      `,
      errors: ['after-unavailable@1:10'],
      messageIncludes: ['15.0.3', 'experimental.after'],
      output: code`
        import { unstable_after as after } from 'next/server'
        export default async function Page() { after(() => {}); return <main /> }
      `,
    },
    {
      name: 'alias kept',
      path: 'app/api/route.ts',
      nextVersion: '~15.0.0',
      code: `import { after as defer } from 'next/server'\n`,
      errors: ['after-unavailable@1:10'],
      output: `import { unstable_after as defer } from 'next/server'\n`,
    },
    {
      name: '14 has nothing to offer',
      path: 'app/page.tsx',
      nextVersion: '14.2.3',
      code: `import { after } from 'next/server'\n`,
      errors: ['after-unavailable@1:10'],
      messageIncludes: ['Upgrade'],
      output: `import { after } from 'next/server'\n`,
    },
    {
      name: 'namespace use on 15.0',
      path: 'lib/x.ts',
      nextVersion: '15.0.0',
      code: `import * as s from 'next/server'\nexport function f() { s.after(() => {}) }\n`,
      errors: ['after-unavailable@2:23'],
    },
    {
      name: 'caret range from 14',
      path: 'app/page.tsx',
      nextVersion: '^14.0.0',
      code: `import { NextRequest, after } from 'next/server'\n`,
      errors: ['after-unavailable@1:23'],
    },
    {
      name: 'inside a client module too',
      path: 'components/a.tsx',
      nextVersion: '13.5.0',
      code: `'use client'\nimport { after } from 'next/server'\n`,
      errors: ['after-unavailable@2:10'],
    },
  ],
});
