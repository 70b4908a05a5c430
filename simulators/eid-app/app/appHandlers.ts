/**
 * The app's own endpoints: `GET /app` (its screen), the screen's form posts
 * (`POST /app/orders/{orderRef}/approve` with `pin`, `POST /app/orders/{orderRef}/cancel`, both
 * answered 303 back to the screen), and the settings API `GET`/`PUT /api/v1/app`. The settings
 * API and the form posts answer the local user only (kit control guard).
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { controlGuard } from '../../kit/network/controlGuard.js';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { CardError } from '../token/cardError.js';
import { jsonAnswer, jsonError } from '../orders/jsonAnswers.js';
import type { Order } from '../orders/order.js';
import type { OrderBook } from '../orders/orderBook.js';
import { orderNotes } from '../orders/orderHandlers.js';
import { OrderInputError, parseJsonObject } from '../orders/orderInput.js';
import type { CardSource } from '../token/cardSource.js';
import type { AppSettingsChange } from './appMode.js';
import { appPage } from './appPage.js';
import { resultSentence, type EidApp } from './eidApp.js';

/** Path of the app's screen. */
export const APP_PAGE_PATH = '/app';
/** Path of the app's settings API. */
export const APP_API_PATH = '/api/v1/app';

export interface AppHandlersOptions {
  app: EidApp;
  orders: OrderBook;
  cards: CardSource;
}

const html = (body: string, status = 200) => new HttpResponse(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
const backToPage = (order: Order, result: string, operation: string) =>
  withNotes(new HttpResponse(null, { status: 303, headers: { location: `${APP_PAGE_PATH}?order=${encodeURIComponent(order.orderRef)}&resultat=${encodeURIComponent(result)}` } }), orderNotes(operation, order));

/** The screen, its form posts and the settings API. */
export function appHandlers(options: AppHandlersOptions): RequestHandler[] {
  const { app, orders, cards } = options;
  const settingsView = () => ({ ...app.settings(), cards: cards.listCards().map(({ hsaId, givenName, surname, pin }) => ({ hsaId, givenName, surname, pin })) });
  const notFoundPage = (orderRef: string) =>
    html(`<!doctype html><html lang="sv"><meta charset="utf-8"><title>SITHS eID</title><p id="resultat" role="status">Beställningen ${orderRef.replace(/[^\w-]/g, '')} finns inte (längre). <a href="${APP_PAGE_PATH}">Tillbaka</a></p></html>`, 404);

  return [
    // The settings API and the screen's own form posts answer the local user only.
    controlGuard(APP_API_PATH, { operation: (request) => (request.method === 'PUT' ? 'SetApp' : 'GetApp') }),
    controlGuard(`${APP_PAGE_PATH}/orders/*`, { allowForms: true, operation: (request) => (request.url.endsWith('/cancel') ? 'AppCancel' : 'AppApprove') }),
    http.get(APP_PAGE_PATH, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const token = query.get('autoStartToken') ?? query.get('token');
      const pending = token ? [orders.byStartToken(token)].filter((o): o is Order => o?.status === 'pending') : orders.pending();
      for (const order of pending) app.open(order);
      const settings = app.settings();
      const card = settings.activeCard ? safeList(cards).find((c) => c.hsaId === settings.activeCard) : undefined;
      const cardName = card ? [card.givenName, card.surname].filter(Boolean).join(' ') : undefined;
      return withNotes(html(appPage({ settings, cardName, pending, result: query.get('resultat') ?? undefined })), { operation: 'AppPage', message: `${pending.length} pending order(s) shown` });
    }),

    http.post(`${APP_PAGE_PATH}/orders/:orderRef/approve`, async ({ params, request }) => {
      const order = orders.get(String(params.orderRef));
      if (!order) return notFoundPage(String(params.orderRef));
      const pin = new URLSearchParams(await request.text()).get('pin') ?? '';
      const result = pin ? app.approve(order, pin) : 'Skriv din PIN-kod.';
      return backToPage(order, result, 'AppApprove');
    }),

    http.post(`${APP_PAGE_PATH}/orders/:orderRef/cancel`, ({ params }) => {
      const order = orders.get(String(params.orderRef));
      if (!order) return notFoundPage(String(params.orderRef));
      app.decline(order);
      return backToPage(order, resultSentence(order), 'AppCancel');
    }),

    http.get(APP_API_PATH, () => jsonAnswer(settingsView(), 200, { operation: 'GetApp' })),

    http.put(APP_API_PATH, async ({ request }) => {
      try {
        const body = parseJsonObject(await request.text(), `PUT ${APP_API_PATH}`);
        const unknown = Object.keys(body).filter((k) => !['activeCard', 'mode', 'pin'].includes(k));
        if (unknown.length) throw new OrderInputError(`PUT ${APP_API_PATH}: unknown field(s) ${unknown.join(', ')}; give activeCard, mode and/or pin`);
        for (const field of ['activeCard', 'mode', 'pin'] as const) {
          const value = body[field];
          if (value !== undefined && value !== null && typeof value !== 'string') throw new OrderInputError(`PUT ${APP_API_PATH}: "${field}" must be a string${field === 'mode' ? '' : ' or null'}`);
        }
        if (body.mode === null) throw new OrderInputError(`PUT ${APP_API_PATH}: "mode" cannot be null`);
        const settings = app.configure(body as AppSettingsChange);
        return jsonAnswer(settings, 200, { operation: 'SetApp', message: `mode ${settings.mode}, card ${settings.activeCard ?? 'none'}` });
      } catch (error) {
        if (error instanceof OrderInputError) return jsonError(400, 'invalidParameters', error.message, { operation: 'SetApp' });
        if (error instanceof CardError) return jsonError(error.code === 'cardNotFound' ? 404 : 400, error.code, error.message, { operation: 'SetApp' });
        throw error;
      }
    }),
  ];
}

/** Cards of the source, or none when it cannot be read (the page still shows). */
function safeList(cards: CardSource) {
  try {
    return cards.listCards();
  } catch {
    return [];
  }
}
