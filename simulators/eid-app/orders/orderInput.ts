/**
 * Reading `POST /api/v1/orders` bodies: JSON, the fields this API knows, a challenge in strict
 * base64. Every problem is named in one message, so a requester can fix its call at once.
 */
import type { OrderRequest } from './order.js';

/** A request the API refuses with HTTP 400; the message says what is wrong. */
export class OrderInputError extends Error {
  override readonly name = 'OrderInputError';
}

/** Largest decoded challenge accepted (the card signs a SHA-256 hash of it). */
export const MAX_CHALLENGE_BYTES = 64 * 1024;
const MAX_SIGN_MESSAGE = 40_000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HSA_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/;

/** Parses a JSON request body into an object. @throws {OrderInputError} when it is not a JSON object. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  if (!text.trim()) throw new OrderInputError(`${what}: the request body is empty; send a JSON object (content-type application/json)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OrderInputError(`${what}: the request body is not JSON (${(error as Error).message}); send a JSON object`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new OrderInputError(`${what}: the request body must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  return parsed as Record<string, unknown>;
}

/** Decodes strict (padded, standard-alphabet) base64. @throws {OrderInputError} naming the field. */
export function decodeBase64(value: string, field: string): Buffer {
  const compact = value.trim();
  if (!compact || !BASE64.test(compact)) throw new OrderInputError(`"${field}" is not base64 (standard alphabet A–Z a–z 0–9 + /, padded with = to a multiple of 4 characters)`);
  return Buffer.from(compact, 'base64');
}

/**
 * Checks an order request: `type` 'auth' | 'sign', `challenge` base64 (1 byte to 64 KiB decoded),
 * `requesterName` 1–200 characters, optional `hsaId` and `signMessage` (≤ 40 000 characters).
 * @throws {OrderInputError} listing every problem.
 */
export function readOrderRequest(text: string): OrderRequest {
  const body = parseJsonObject(text, 'POST /api/v1/orders');
  const problems: string[] = [];
  const { type, hsaId, challenge, signMessage, requesterName } = body;
  if (type !== 'auth' && type !== 'sign') problems.push(`"type" must be "auth" or "sign", got ${JSON.stringify(type ?? null)}`);
  if (hsaId !== undefined && (typeof hsaId !== 'string' || !HSA_ID.test(hsaId))) problems.push('"hsaId", when given, must be an HSA-ID such as SE2321000016-1003 (letters, digits, dashes; at most 32)');
  let decoded: Buffer | undefined;
  if (challenge === undefined || challenge === null || challenge === '') problems.push('"challenge" is required: the bytes to sign, base64');
  else if (typeof challenge !== 'string') problems.push(`"challenge" must be a base64 string, got ${typeof challenge}`);
  else {
    try {
      decoded = decodeBase64(challenge, 'challenge');
      if (decoded.length > MAX_CHALLENGE_BYTES) problems.push(`"challenge" is ${decoded.length} bytes decoded; at most ${MAX_CHALLENGE_BYTES} are accepted`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (typeof requesterName !== 'string' || !requesterName.trim() || requesterName.length > 200) problems.push('"requesterName" is required: who asks, 1 to 200 characters (shown in the app)');
  if (signMessage !== undefined && (typeof signMessage !== 'string' || signMessage.length > MAX_SIGN_MESSAGE)) problems.push(`"signMessage", when given, must be text of at most ${MAX_SIGN_MESSAGE} characters`);
  if (problems.length || !decoded) throw new OrderInputError(`POST /api/v1/orders: ${problems.join('; ')}`);
  return {
    type: type as OrderRequest['type'],
    challenge: decoded,
    requesterName: (requesterName as string).trim(),
    ...(typeof hsaId === 'string' ? { hsaId } : {}),
    ...(typeof signMessage === 'string' ? { signMessage } : {}),
  };
}
