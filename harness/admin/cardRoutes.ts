/**
 * Admin route for the simulated SITHS cards: what a card administrator (korthandläggare) does
 * for a holder who typed the wrong PIN too often, `POST /cards/{hsaId}/unblock` (with the card's
 * SO PIN, back to the test PIN). A real card in the topology (`--card-module`) is its holder's
 * and its administrator's business, not samverkan's: refused.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { CardError } from '../../simulators/eid-app/token/cardError.js';
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { Topology } from '../topology/startTopology.js';
import { CARD_PIN, CARD_SO_PIN } from '../topology/cardSetup.js';
import { guarded, jsonObject, refuse } from './adminHttp.js';

export function cardRoutes(t: Topology): RequestHandler[] {
  return [
    http.post('/cards/:hsaId/unblock', guarded(async ({ request, params }) => {
      await jsonObject(request, [], '{}');
      if ((t.config.parties.identity?.mode ?? 'simulated') !== 'simulated') refuse(404, 'the eID app and its cards are not simulated in this topology');
      if (t.config.eidApp?.cardModule) refuse(409, `the eID app uses a real card (${t.config.eidApp.cardModule}); its card administrator unblocks it`);
      const hsaId = String(params.hsaId);
      try {
        SoftHsmTokenStore.open(t.config.stateDir).unblockCard(hsaId, CARD_SO_PIN, CARD_PIN);
      } catch (error) {
        if (error instanceof CardError) refuse(error.code === 'cardNotFound' ? 404 : 409, error.message);
        throw error;
      }
      return HttpResponse.json({ hsaId, unblocked: true });
    })),
  ];
}
