/**
 * The kit's `http`: msw's handlers, made without the call frame msw captures for each one
 * (docs/decisions/0050-once-per-worker.md), matching and answering as msw's own; and every party
 * and the admin API make their routes with it.
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getResponse, http as mswHttp, HttpResponse } from 'msw';
import { http } from './routeHandlers.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('TestSupport.ts') ? [full] : [];
  });
}

test('a route made with the kit’s http carries no call frame; one made with msw’s does', () => {
  const limit = Error.stackTraceLimit;
  expect(mswHttp.post('/frame', () => HttpResponse.text('msw')).info.callFrame).toContain('routeHandlers.test.ts');
  for (const method of ['all', 'head', 'get', 'post', 'put', 'delete', 'patch', 'options'] as const) {
    const handler = http[method]('/frame', () => HttpResponse.text('kit'));
    expect(handler.info.path, method).toBe('/frame');
    expect(handler.info.callFrame, method).toBeUndefined();
  }
  expect(Error.stackTraceLimit).toBe(limit);
  expect(new Error('after').stack).toContain('routeHandlers.test.ts');
});

test('a route made with the kit’s http matches and answers as msw’s', async () => {
  const handlers = [
    http.get('*/cards/:hsaId', ({ params }) => HttpResponse.json({ card: params.hsaId })),
    http.post('*/cards', async ({ request }) => HttpResponse.text(`made ${await request.text()}`, { status: 201 })),
  ];
  const answer = async (request: Request) => {
    const response = await getResponse(handlers, request);
    return response && [response.status, await response.text()];
  };
  expect(await answer(new Request('http://127.0.0.1:1/cards/SE-1'))).toEqual([200, '{"card":"SE-1"}']);
  expect(await answer(new Request('http://127.0.0.1:1/cards', { method: 'POST', body: 'SE-2' }))).toEqual([201, 'made SE-2']);
  expect(await answer(new Request('http://127.0.0.1:1/cards', { method: 'PUT', body: 'SE-2' }))).toBeUndefined();
});

test('the parties and the admin API make their routes with the kit’s http, not msw’s', () => {
  const direct = [...sourceFiles(path.join(REPO, 'simulators')), ...sourceFiles(path.join(REPO, 'harness'))]
    .filter((file) => !file.endsWith(path.join('kit', 'network', 'routeHandlers.ts')))
    .filter((file) => /import\s*\{[^}]*\bhttp\b[^}]*\}\s*from\s*'msw'|\bnew\s+HttpHandler\s*\(/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(REPO, file));
  expect(direct, "import { http } from 'simulators/kit/network/routeHandlers.js' instead").toEqual([]);
});
