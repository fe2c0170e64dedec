import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { App } from '../../platform/http.js';
import { errors } from '../../platform/http.js';
import { validateCreditCode, validateIdNumber } from './validate.rules.js';

const Body = z.object({ value: z.string().max(64) });
const Result = z.object({ valid: z.boolean(), reason: z.string().optional() });
const tags = ['validate'];

/** Form helpers: check an identifier without saving anything. Public; the value is never logged. */
export async function validateRoutes(app: App, _deps: Deps): Promise<void> {
  app.post('/id-number', { schema: { tags, summary: '校验公民身份号码（GB 11643）', body: Body, response: { 200: Result, ...errors } } }, async (request) =>
    validateIdNumber(request.body.value),
  );
  app.post('/credit-code', { schema: { tags, summary: '校验统一社会信用代码（GB 32100）', body: Body, response: { 200: Result, ...errors } } }, async (request) =>
    validateCreditCode(request.body.value),
  );
}
