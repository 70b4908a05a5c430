/**
 * The order API of the eID app's authentication service, as msw handlers:
 * `POST /api/v1/orders`, `GET /api/v1/orders/{orderRef}`, `POST /api/v1/orders/{orderRef}/cancel`.
 * The app (see ../app) is told about every new and polled order, so it acts as its mode says.
 */
import type { RequestHandler } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import type { ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { faultAnswer, jsonAnswer, jsonError } from './jsonAnswers.js';
import { orderView, type Order } from './order.js';
import type { OrderBook } from './orderBook.js';
import { OrderInputError, readOrderRequest } from './orderInput.js';

/** Base path of the order API. */
export const ORDERS_PATH = '/api/v1/orders';

export interface OrderHandlersOptions {
  orders: OrderBook;
  faults?: FaultRules;
  /** Called with each new order and before each poll answer: the app acts on pending orders. */
  attend?: (order: Order) => void;
}

/** Journal notes of an exchange about one order. */
export function orderNotes(operation: string, order: Order): ExchangeNotes {
  return {
    operation,
    messageId: order.orderRef,
    resultCode: order.status,
    ...(order.status === 'failed' ? { errorId: order.hintCode } : {}),
    message: `${order.type} order${order.hsaId ? ` for ${order.hsaId}` : ''} from ${order.requesterName}: ${order.status}${order.status === 'complete' ? ` (${order.completion?.hsaId})` : ` (${order.hintCode})`}${order.message ? `: ${order.message}` : ''}`,
  };
}

/** The three order endpoints. */
export function orderHandlers(options: OrderHandlersOptions): RequestHandler[] {
  const { orders } = options;
  const unknown = (operation: string, orderRef: string) =>
    jsonError(
      404,
      'notFound',
      `no order with orderRef ${orderRef}: it was never started here, or it ended more than ${orders.retainMs / 1000} s ago and was forgotten; start a new order with POST ${ORDERS_PATH}`,
      { operation, messageId: orderRef },
    );
  const attend = (order: Order) => {
    if (order.status === 'pending') options.attend?.(order);
  };

  return [
    http.post(ORDERS_PATH, async ({ request }) => {
      const fault = await faultAnswer(options.faults, 'CreateOrder', { operation: 'CreateOrder' });
      if (fault) return fault;
      let order: Order;
      try {
        order = orders.create(readOrderRequest(await request.text()));
      } catch (error) {
        if (error instanceof OrderInputError) return jsonError(400, 'invalidParameters', error.message, { operation: 'CreateOrder' });
        throw error;
      }
      attend(order);
      const { orderRef, autoStartToken, qrStartToken, qrStartSecret } = order;
      return jsonAnswer({ orderRef, autoStartToken, qrStartToken, qrStartSecret }, 201, orderNotes('CreateOrder', order));
    }),

    http.get(`${ORDERS_PATH}/:orderRef`, async ({ params }) => {
      const orderRef = String(params.orderRef);
      const fault = await faultAnswer(options.faults, 'CollectOrder', { operation: 'CollectOrder', messageId: orderRef });
      if (fault) return fault;
      const order = orders.get(orderRef);
      if (!order) return unknown('CollectOrder', orderRef);
      attend(order);
      return jsonAnswer(orderView(order), 200, orderNotes('CollectOrder', order));
    }),

    http.post(`${ORDERS_PATH}/:orderRef/cancel`, async ({ params }) => {
      const orderRef = String(params.orderRef);
      const fault = await faultAnswer(options.faults, 'CancelOrder', { operation: 'CancelOrder', messageId: orderRef });
      if (fault) return fault;
      const order = orders.get(orderRef);
      if (!order) return unknown('CancelOrder', orderRef);
      if (order.status === 'pending') orders.fail(order, 'cancelled', `cancelled by the requester (${order.requesterName})`);
      else if (order.hintCode !== 'cancelled') {
        return jsonError(409, 'alreadyFinished', `order ${orderRef} is already ${order.status}${order.status === 'failed' ? ` (${order.hintCode})` : ''}; there is nothing to cancel`, orderNotes('CancelOrder', order));
      }
      return jsonAnswer(orderView(order), 200, orderNotes('CancelOrder', order));
    }),
  ];
}
