/**
 * Admin routes for the subscription source Webcert asks after login (ServiceNow's part: which care
 * providers lack a Webcert subscription) and Webcert's setting of which logins the check can refuse
 * (see simulators/webcert/directory/subscriptions.ts). A subscription-service outage is a fault rule
 * instead: `POST /faults {"party":"webcert","operation":"ServiceNowSubscription","effect":{"kind":"reset"}}`.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { Subscriptions } from '../../simulators/webcert/directory/subscriptions.js';
import type { Topology } from '../topology/startTopology.js';
import { checkInput, guarded, jsonObject, refuse } from './adminHttp.js';

const FIELDS = ['careProvidersWithoutSubscription', 'check'];
const EXAMPLE = '{"careProvidersWithoutSubscription":["TSTNMT2321000156-1002"],"check":"all-logins"}';

function subscriptionsOf(t: Topology): Subscriptions {
  if (!t.webcert) refuse(404, 'Webcert is not simulated in this topology, so it asks no subscription source here');
  return t.webcert.directory.subscriptions;
}

export function subscriptionRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/webcert/subscriptions', guarded(() => HttpResponse.json(subscriptionsOf(t).get()))),
    http.put('/webcert/subscriptions', guarded(async ({ request }) => {
      const subscriptions = subscriptionsOf(t);
      const body = await jsonObject(request, FIELDS, EXAMPLE);
      return HttpResponse.json(checkInput(() => subscriptions.set(body)));
    })),
  ];
}
