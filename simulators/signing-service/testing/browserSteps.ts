/**
 * Test support: what a browser does between the parties, without a browser: read the form (or the
 * IdP link) out of a page, post it, follow it.
 */

/** A form as a page carries it. */
export interface PageForm {
  action: string;
  fields: Record<string, string>;
}

const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The form with the given id in `html`.
 * @throws Error when there is none (with the page's start, to see what came instead).
 */
export function formIn(html: string, id = 'auto-post-form'): PageForm {
  const form = new RegExp(`<form[^>]*id="${id}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!form) throw new Error(`no form #${id} in the page: ${html.slice(0, 600)}`);
  const action = /action="([^"]*)"/.exec(form[0])?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of (form[1] ?? '').matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/g)) fields[unescapeHtml(m[1] ?? '')] = unescapeHtml(m[2] ?? '');
  return { action: unescapeHtml(action), fields };
}

/** The href of the element with the given id. */
export function linkIn(html: string, id: string): string {
  const m = new RegExp(`id="${id}"[^>]*href="([^"]*)"|href="([^"]*)"[^>]*id="${id}"`).exec(html);
  if (!m) throw new Error(`no link #${id} in the page: ${html.slice(0, 600)}`);
  return unescapeHtml(m[1] ?? m[2] ?? '');
}

/** Text of the element with the given id (tags stripped). */
export function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`<([a-z0-9]+)[^>]*id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? unescapeHtml((m[2] ?? '').replace(/<[^>]*>/g, '')).trim() : undefined;
}

/** POSTs form fields; returns status and body text. */
export async function postForm(url: string, fields: URLSearchParams | Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: (fields instanceof URLSearchParams ? fields : new URLSearchParams(fields)).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** GETs a URL; returns status and body text. */
export async function getPage(url: string): Promise<{ status: number; html: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}
