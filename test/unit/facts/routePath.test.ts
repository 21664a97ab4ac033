import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchingUrlPath, routePathOf } from '../../../server/src/analysis/facts/routePath';

describe('the URL path of a route file', () => {
  test('app/ and src/ dropped, route groups and parallel slots dropped, dynamic segments kept', () => {
    assert.equal(routePathOf('app/api/cron/sync/route.ts'), '/api/cron/sync');
    assert.equal(routePathOf('src/app/api/cron/sync/route.js'), '/api/cron/sync');
    assert.equal(routePathOf('app/(ee)/api/cron/[programId]/route.ts'), '/api/cron/[programId]');
    assert.equal(routePathOf('app/(a)/(b)/@modal/api/x/route.tsx'), '/api/x');
    assert.equal(routePathOf('app/route.ts'), '/');
  });

  test('an intercepting segment is not a group', () => {
    assert.equal(routePathOf('app/(.)photo/route.ts'), '/(.)photo');
  });

  test('files that are not routes have none', () => {
    for (const path of ['app/api/cron/sync/page.tsx', 'lib/cron/route.ts', 'pages/api/cron.ts', 'app/api/cron/sync/helpers.ts']) {
      assert.equal(routePathOf(path), undefined, path);
    }
  });
});

describe('a route path against the URL paths vercel.json lists', () => {
  const crons = ['/api/cron/domains/verify', '/api/cron/backup/'];

  test('the same path, with or without a trailing slash', () => {
    assert.equal(matchingUrlPath('/api/cron/domains/verify', crons), '/api/cron/domains/verify');
    assert.equal(matchingUrlPath('/api/cron/backup', crons), '/api/cron/backup/');
  });

  test('a prefix, a longer path or another name does not match', () => {
    assert.equal(matchingUrlPath('/api/cron/domains', crons), undefined);
    assert.equal(matchingUrlPath('/api/cron/domains/verify/now', crons), undefined);
    assert.equal(matchingUrlPath('/api/cron/domains/verify-all', crons), undefined);
  });

  test('a dynamic segment matches any one segment, never none or two', () => {
    assert.equal(matchingUrlPath('/api/cron/domains/[action]', crons), '/api/cron/domains/verify');
    assert.equal(matchingUrlPath('/api/cron/[group]/verify', crons), '/api/cron/domains/verify');
    assert.equal(matchingUrlPath('/api/cron/[job]', ['/api/cron']), undefined);
    assert.equal(matchingUrlPath('/api/cron/[job]', ['/api/cron/a/b']), undefined);
  });

  test('a catch-all matches one or more segments, an optional catch-all any number', () => {
    assert.equal(matchingUrlPath('/api/cron/[...job]', ['/api/cron/a/b']), '/api/cron/a/b');
    assert.equal(matchingUrlPath('/api/cron/[...job]', ['/api/cron']), undefined);
    assert.equal(matchingUrlPath('/api/cron/[[...job]]', ['/api/cron']), '/api/cron');
    assert.equal(matchingUrlPath('/api/cron/[[...job]]', ['/api/other']), undefined);
  });
});
