import { code, ruleTable } from './ruleTester';

ruleTable('after-in-client-module', {
  valid: [
    { name: 'server component imports after', path: 'app/page.tsx', code: code`
      import { after } from 'next/server'
      export default async function Page() { after(() => {}); return <main /> }
    ` },
    { name: '"use client" only in a comment', path: 'app/page.tsx', code: code`
      // "use client"
      import { after } from 'next/server'
      export default async function Page() { after(() => {}); return <main /> }
    ` },
    { name: '"use client" after another statement is not a directive', path: 'components/button.tsx', code: code`
      import { after } from 'next/server'
      'use client'
      export function Log() { after(() => {}) }
    ` },
    { name: 'client module importing other things from next/server', path: 'components/x.tsx', code: code`
      'use client'
      import { NextResponse } from 'next/server'
      export const x = NextResponse
    ` },
    { name: 'client module with a local after', path: 'components/anim.tsx', code: code`
      'use client'
      import { after } from './timing'
      export function Anim() { after(() => {}); return <div /> }
    ` },
    { name: 'type-only import', path: 'components/types.tsx', code: code`
      'use client'
      import type { after } from 'next/server'
      export type Later = typeof after
    ` },
  ],
  invalid: [
    { name: 'named import', path: 'app/components/like-button.tsx', code: code`
      'use client'
      import { after } from 'next/server'
      export function Like() { return <button onClick={() => after(() => {})} /> }
    `, errors: ['after-in-client-module@2:10'], messageIncludes: ['client module (app/components/like-button.tsx)', 'Server Action'] },
    { name: 'aliased import', path: 'components/a.tsx', code: code`
      "use client";
      import { useState } from 'react';
      import { after as later } from 'next/server';
    `, errors: ['after-in-client-module@3:10'] },
    { name: 'unstable_after', path: 'components/b.tsx', code: code`
      'use client'
      import { unstable_after } from 'next/server'
    `, errors: ['after-in-client-module@2:10'] },
    { name: 'namespace use', path: 'components/c.tsx', code: code`
      'use client'
      import * as server from 'next/server'
      export function C() { server.after(() => {}); return null }
    `, errors: ['after-in-client-module@3:23'] },
    { name: 'client page under src/app', path: 'src/app/dashboard/page.tsx', code: code`
      'use client'
      import { NextResponse, after } from 'next/server'
      export default function Page() { return <div /> }
    `, errors: ['after-in-client-module@2:24'] },
    { name: 'directive after a comment and "use strict"', path: 'components/d.jsx', code: code`
      // a client widget
      'use strict'
      'use client'
      import { after } from 'next/server.js'
    `, errors: ['after-in-client-module@4:10'] },
  ],
});
