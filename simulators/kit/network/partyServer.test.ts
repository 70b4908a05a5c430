/**
 * The party server's network exposure, proven from the addresses it binds (read through node's
 * listen diagnostics channel): loopback only, from the first moment, and nothing but its own port.
 * Traffic goes to 127.0.0.1 only.
 */
import { test, expect } from '@playwright/test';
import { http, HttpResponse } from 'msw';
import { VirtualClock } from '../clock/virtualClock.js';
import { PartyServer } from './partyServer.js';
import { isLoopback, watchListens } from './testing/listenWatch.js';

test('binds 127.0.0.1 and nothing else, from the first moment', async () => {
  const watch = watchListens();
  let server: PartyServer | undefined;
  try {
    server = await PartyServer.start({ party: 'test', clock: new VirtualClock(), handlers: [http.get('/', () => HttpResponse.text('ok'))] });
  } finally {
    watch.stop();
  }
  try {
    expect(watch.bound).toEqual([{ address: '127.0.0.1', family: 'IPv4', port: server.port }]);
    expect(watch.bound.every((b) => isLoopback(b.address))).toBe(true);
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(await (await fetch(server.url)).text()).toBe('ok');
  } finally {
    await server.stop();
  }
});
