import type { Rule } from '../types';
import { rule as afterInClientModule } from './after-in-client-module';
import { rule as afterInPagesRouter } from './after-in-pages-router';
import { rule as afterNonCallback } from './after-non-callback';
import { rule as afterOutsideRequest } from './after-outside-request';
import { rule as afterUnavailable } from './after-unavailable';
import { rule as awaitAfter } from './await-after';
import { rule as blockingSideEffect } from './blocking-side-effect';
import { rule as floatingPromiseInAfter } from './floating-promise-in-after';
import { rule as floatingSideEffect } from './floating-side-effect';
import { rule as preferAfterOverWaitUntil } from './prefer-after-over-waituntil';
import { rule as requestApiInAfter } from './request-api-in-after';
import { rule as responseMutationInAfter } from './response-mutation-in-after';
import { rule as unstableAfter } from './unstable-after';

/** Every rule, in the order of the catalogue. */
export const rules: readonly Rule[] = [
  requestApiInAfter,
  responseMutationInAfter,
  afterInClientModule,
  afterInPagesRouter,
  afterOutsideRequest,
  afterNonCallback,
  awaitAfter,
  unstableAfter,
  afterUnavailable,
  floatingPromiseInAfter,
  blockingSideEffect,
  floatingSideEffect,
  preferAfterOverWaitUntil,
];

export const ruleIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.meta.id));

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
