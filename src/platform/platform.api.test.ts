import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestCtx } from '../test/harness.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('platform endpoints', () => {
  test('GET /api/health reports the driver and version', async () => {
    const res = await ctx.client().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: ctx.database.driver, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  test('GET /api/openapi.json documents every route from the zod schemas', async () => {
    const doc = (await ctx.client().get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/auth/login', '/api/auth/me', '/api/security/grants', '/api/audit/events', '/api/validate/id-number']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
  });

  test('unknown /api paths are a JSON 404; other paths fall back to the SPA', async () => {
    const api = await ctx.client().get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
    const page = await ctx.client().get('/workbench/org');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Missing files are a plain 404, never the HTML shell (a stale chunk must fail as a chunk).
    for (const file of ['/assets/gone-123.js', '/favicon.ico']) {
      const res = await ctx.client().get(file);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('<!doctype html>');
    }
  });

  test('malformed JSON is a 400 envelope without internals', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.body).not.toMatch(/at |stack|SyntaxError/);
  });

  test('security headers are set', async () => {
    const res = await ctx.client().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('validation endpoints', () => {
  test.each([
    ['/api/validate/id-number', '11010519491231002X', true],
    ['/api/validate/id-number', '110105194912310021', false],
    ['/api/validate/credit-code', '91350100M000100Y43', true],
    ['/api/validate/credit-code', '91350100M000100Y44', false],
  ])('%s %s → %s', async (url, value, valid) => {
    const res = await ctx.client().post(url, { value });
    expect(res.statusCode).toBe(200);
    expect(res.json().valid).toBe(valid);
    if (!valid) expect(res.json().reason).toMatch(/校验位/);
  });
});
