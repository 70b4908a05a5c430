/**
 * Control endpoints answer the local user only: the admin API (fault rules, clock), the eID app's
 * settings (`PUT /api/v1/app`) and the signing service's certificate controls
 * (`POST /admin/certificate`), and the inboxes of the journal system and the recipients (`/api/*`) refuse a foreign Host (DNS rebinding), a foreign Origin (a web page)
 * and a non-JSON body (a form or `text/plain` post needs no CORS preflight), change nothing when
 * they refuse, journal the refusal, and still take the local user's JSON.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { startTopology, type Topology } from './startTopology.js';
import { defaultTopologyConfig } from './topologyConfig.js';

interface Call {
  url: string;
  method: string;
  body: string;
  headers?: Record<string, string>;
}

/** node:http, because fetch will not send a Host header of the caller's choosing. */
function send(call: Call): Promise<{ status: number; json: { error?: string } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(call.url);
    const request = http.request(
      { host: '127.0.0.1', port: url.port, path: url.pathname, method: call.method, headers: { 'content-type': 'application/json', ...call.headers, 'content-length': Buffer.byteLength(call.body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
      },
    );
    request.on('error', reject);
    request.end(call.body);
  });
}

let topology: Topology;
test.beforeAll(async () => {
  topology = await startTopology(defaultTopologyConfig({ admin: {}, clock: { mode: 'manual', start: Date.parse('2026-03-02T07:00:00Z') } }));
});
test.afterAll(async () => topology?.stop());

/** What a web page could send, and what each refusal must say. */
const HOSTILE: { name: string; headers: Record<string, string>; status: number; says: string }[] = [
  { name: 'DNS rebinding (foreign Host)', headers: { host: 'evil.example' }, status: 403, says: 'Host "evil.example" is not 127.0.0.1' },
  { name: 'foreign Host with the right port', headers: { host: 'evil.example:80' }, status: 403, says: 'is not 127.0.0.1, localhost or [::1]' },
  { name: 'a web page (foreign Origin)', headers: { origin: 'http://evil.example' }, status: 403, says: 'Origin "http://evil.example" is not this server\'s own' },
  { name: 'a sandboxed page (Origin null)', headers: { origin: 'null' }, status: 403, says: 'Origin "null"' },
  { name: 'a loopback page on another port', headers: { origin: 'http://127.0.0.1:1' }, status: 403, says: 'is not this server\'s own' },
  { name: 'a text/plain post (no preflight)', headers: { 'content-type': 'text/plain' }, status: 415, says: 'send Content-Type: application/json' },
  { name: 'a form post', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, says: 'takes a JSON body' },
  { name: 'all three at once', headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'text/plain' }, status: 403, says: 'evil.example' },
];

test('each control endpoint refuses what a web page could send, changes nothing, journals the refusal, and takes the local user\'s JSON', async () => {
  const admin = topology.admin!.url;
  const eidApp = topology.identity!.eidApp;
  const signing = topology.identity!.signingService;
  const state = () => ({
    faults: topology.faults.list().length,
    clock: topology.clock.now(),
    app: JSON.stringify(eidApp.app.settings()),
    certificate: JSON.stringify(signing.certificateStatus()),
  });
  const endpoints: { name: string; call: Call; party: string }[] = [
    { name: 'admin: add a fault rule', party: 'admin', call: { url: `${admin}/faults`, method: 'POST', body: JSON.stringify({ party: 'journal', operation: '*', effect: { kind: 'reset' } }) } },
    { name: 'admin: move the clock', party: 'admin', call: { url: `${admin}/clock/advance`, method: 'POST', body: JSON.stringify({ by: '25d' }) } },
    { name: 'eID app: settings', party: 'eid-app', call: { url: eidApp.endpoints.appApi, method: 'PUT', body: JSON.stringify({ mode: 'cancel' }) } },
    { name: 'signing service: certificate', party: 'signing-service', call: { url: signing.endpoints.adminCertificate, method: 'POST', body: JSON.stringify({ action: 'expire' }) } },
  ];
  const before = state();
  for (const endpoint of endpoints) {
    for (const hostile of HOSTILE) {
      const refusedBefore = topology.journal.query({ toParty: endpoint.party, outcome: 'error', withoutBodies: true }).length;
      const answer = await send({ ...endpoint.call, headers: hostile.headers });
      expect.soft(answer.status, `${endpoint.name}, ${hostile.name}`).toBe(hostile.status);
      expect.soft(answer.json.error, `${endpoint.name}, ${hostile.name}`).toContain(hostile.says);
      expect(topology.journal.query({ toParty: endpoint.party, outcome: 'error', withoutBodies: true }).length, `${endpoint.name}, ${hostile.name} is journalled`).toBe(refusedBefore + 1);
    }
  }
  expect(state()).toEqual(before);

  // The admin API's reads are guarded too: a rebinding page cannot read the journal.
  const read = await new Promise<number>((resolve, reject) =>
    http.get({ host: '127.0.0.1', port: new URL(admin).port, path: '/journal', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).on('error', reject),
  );
  expect(read).toBe(403);

  // The local user, by name or number, with or without the server's own Origin.
  for (const endpoint of endpoints) {
    const port = new URL(endpoint.call.url).port;
    const answer = await send({ ...endpoint.call, headers: { host: `localhost:${port}`, origin: `http://127.0.0.1:${port}` } });
    expect(answer.status, endpoint.name).toBeLessThan(300);
  }
  const after = state();
  expect(after.faults).toBe(1);
  expect(after.clock).toBe(before.clock + 25 * 24 * 3600_000);
  expect(JSON.parse(after.app)).toMatchObject({ mode: 'cancel' });
  expect(JSON.parse(after.certificate)).toMatchObject({ state: 'expired' });
  expect(await send({ url: `${admin}/faults`, method: 'DELETE', body: '', headers: { host: '[::1]' } })).toMatchObject({ status: 204 });
});

test('the inboxes of the journal system and the recipients are emptied by the local user only', async () => {
  const inboxes = [
    { name: 'journal system', party: 'journal', url: `${topology.journalSystem!.url}/api/certificate-status-for-care` },
    ...topology.recipients.map((r) => ({ name: r.profile.name, party: r.profile.party, url: `${r.url}/api/reset` })),
  ];
  for (const inbox of inboxes) {
    for (const hostile of HOSTILE) {
      const answer = await send({ url: inbox.url, method: 'DELETE', body: '', headers: hostile.headers });
      expect.soft(answer.status, `${inbox.name}, ${hostile.name}`).toBe(hostile.status);
    }
    const rebound = await send({ url: inbox.url, method: 'GET', body: '', headers: { host: 'evil.example' } });
    expect(rebound.status, `${inbox.name}: a rebinding page cannot read the inbox`).toBe(403);
    expect(rebound.json.error).toContain('Host "evil.example" is not 127.0.0.1');
    expect((await send({ url: inbox.url, method: 'DELETE', body: '', headers: { host: `localhost:${new URL(inbox.url).port}` } })).status, inbox.name).toBe(204);
  }
});
