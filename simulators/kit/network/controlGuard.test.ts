/** Which requests reach a control endpoint: loopback Host, the server's own Origin or none, JSON bodies. */
import { expect, test } from '@playwright/test';
import { controlRefusal } from './controlGuard.js';

const URL_OF_ENDPOINT = 'http://127.0.0.1:4711/faults';
const call = (method: string, headers: Record<string, string>) => controlRefusal(new Request(URL_OF_ENDPOINT, { method, headers }));
const post = (headers: Record<string, string>) => call('POST', { host: '127.0.0.1:4711', 'content-type': 'application/json', ...headers });

test('Host: loopback names and addresses pass, with or without a port; anything else is refused', () => {
  for (const host of ['127.0.0.1:4711', '127.0.0.1', 'localhost:4711', 'LOCALHOST:9000', '[::1]:4711', '[::1]']) expect(post({ host }), host).toBeUndefined();
  for (const host of ['evil.example', 'evil.example:4711', '127.0.0.1.evil.example', 'localhost.evil.example:4711', 'user@127.0.0.1', '127.0.0.1/x', '', '[::2]', '10.0.0.1:4711']) {
    expect(post({ host }), host).toMatchObject({ status: 403, message: expect.stringContaining('local user only') });
  }
  expect(call('GET', {})).toMatchObject({ status: 403, message: expect.stringContaining('Host (none)') });
});

test("Origin: absent or the server's own loopback origin pass; any other is refused", () => {
  for (const origin of ['http://127.0.0.1:4711', 'http://localhost:4711', 'http://[::1]:4711']) expect(post({ origin }), origin).toBeUndefined();
  for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:4712', 'http://127.0.0.1', 'https://127.0.0.1:4711', 'http://127.0.0.1:4711/', 'file://', 'garbage']) {
    expect(post({ origin }), origin).toMatchObject({ status: 403, message: expect.stringContaining(`Origin "${origin}"`) });
  }
});

test('bodies: state-changing methods take JSON only; reads and empty bodies pass', () => {
  expect(post({ 'content-type': 'application/json; charset=utf-8' })).toBeUndefined();
  expect(post({ 'content-type': 'Application/JSON' })).toBeUndefined();
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json']) {
    expect(post({ 'content-type': type }), type).toMatchObject({ status: 415, message: expect.stringContaining('send Content-Type: application/json') });
  }
  for (const method of ['PUT', 'PATCH', 'DELETE']) expect(call(method, { host: '127.0.0.1', 'content-type': 'text/plain' }), method).toMatchObject({ status: 415 });
  expect(call('POST', { host: '127.0.0.1', 'content-length': '3' })).toMatchObject({ status: 415 });
  expect(call('POST', { host: '127.0.0.1', 'content-length': '0' })).toBeUndefined();
  expect(call('DELETE', { host: '127.0.0.1' })).toBeUndefined();
  expect(call('GET', { host: '127.0.0.1', 'content-type': 'text/plain' })).toBeUndefined();
  expect(controlRefusal(new Request(URL_OF_ENDPOINT, { method: 'POST', headers: { host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded' } }), { allowForms: true })).toBeUndefined();
});
