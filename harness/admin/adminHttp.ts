/** Small helpers shared by the admin API's routes: JSON errors and bodies. */
import { HttpResponse } from 'msw';

/** `{ error }` with a status; every refusal says what to send instead. */
export function adminError(status: number, message: string): Response {
  return HttpResponse.json({ error: message }, { status });
}

/** Reads a JSON body or answers 400 saying why. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(new Error(`request body is not JSON: ${(error as Error).message}`), { status: 400 });
  }
}

/** Wraps a route so thrown errors become JSON answers instead of 500 pages. */
export function guarded(fn: (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response> | Response) {
  return async (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
    try {
      return await fn(args);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      return adminError(status, error instanceof Error ? error.message : String(error));
    }
  };
}
