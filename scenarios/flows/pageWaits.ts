/**
 * Waits on the browser's own events instead of Playwright's polling (docs/decisions/0040-event-driven-waits.md).
 *
 * A locator or URL assertion that is not yet true is checked again after 20, 50, 100, 100 ms and
 * then every 500 ms (Playwright's backoff, not configurable): a page that arrives after a
 * round trip of a second or two through the IdP, the eID app and the signing service is seen
 * 250 ms late on average. The helpers here wait for the navigation itself (an event from the
 * browser), then make the same assertion as before, which passes at its first check. When the
 * awaited page never comes, the wait fails after the same timeout as the assertion did.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Playwright's default timeout of an assertion (no `expect.timeout` is set in playwright.config.ts). */
const EXPECT_TIMEOUT_MS = 5_000;

/**
 * `expect(page).toHaveURL(url)`, waiting for the navigation that commits a matching URL as an
 * event (`page.waitForURL`) rather than by polling; `timeout` as toHaveURL's (default 5 s).
 */
export async function expectUrl(page: Page, url: RegExp, options: { timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? EXPECT_TIMEOUT_MS;
  try {
    await page.waitForURL(url, { waitUntil: 'commit', timeout });
  } catch (error) {
    throw new Error(`the page did not come to a URL matching ${url} within ${timeout} ms; it is at ${page.url()} (${firstLine(error)})`);
  }
  await expect(page).toHaveURL(url);
}

/**
 * Clicks `target` and waits until the page has loaded a URL matching `url` afterwards (the
 * `load` event of that page): for a click that starts a chain of redirects and forms through
 * other parties and comes back to `url`, also when the page was on `url` before the click.
 * Fails after `timeout` when no such page loads.
 */
export async function clickAndAwaitLoad(page: Page, target: Locator, url: RegExp, options: { timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? EXPECT_TIMEOUT_MS;
  const loaded = page.waitForEvent('load', { predicate: () => url.test(page.url()), timeout }).catch(
    (error: unknown) => new Error(`no page matching ${url} loaded within ${timeout} ms after clicking ${target}; the page is at ${page.url()} (${firstLine(error)})`),
  );
  await target.click();
  const failure = await loaded;
  if (failure instanceof Error) throw failure;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The URL of a certificate's page in Webcert (`/certificate/{id}/`), for {@link expectUrl} and {@link clickAndAwaitLoad}. */
export function certificatePage(id: string): RegExp {
  return new RegExp(`/certificate/${id}/$`);
}
