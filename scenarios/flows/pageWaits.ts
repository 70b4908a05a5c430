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
  await page.waitForURL(url, { waitUntil: 'commit', timeout: options.timeout ?? EXPECT_TIMEOUT_MS });
  await expect(page).toHaveURL(url);
}

/**
 * Clicks `target` and waits until the page has loaded a URL matching `url` afterwards (the
 * `load` event of that page): for a click that starts a chain of redirects and forms through
 * other parties and comes back to `url`, also when the page was on `url` before the click.
 * Fails after `timeout` when no such page loads.
 */
export async function clickAndAwaitLoad(page: Page, target: Locator, url: RegExp, options: { timeout?: number } = {}): Promise<void> {
  const loaded = page.waitForEvent('load', { predicate: () => url.test(page.url()), timeout: options.timeout ?? EXPECT_TIMEOUT_MS });
  // Awaited below; a click that fails first must not leave it unhandled.
  loaded.catch(() => undefined);
  await target.click();
  await loaded;
}

/** The URL of a certificate's page in Webcert (`/certificate/{id}/`), for {@link expectUrl} and {@link clickAndAwaitLoad}. */
export function certificatePage(id: string): RegExp {
  return new RegExp(`/certificate/${id}/$`);
}
