/**
 * The protocol as PDF: Chromium's own print of the HTML file (Playwright's `page.pdf()`), A4,
 * backgrounds on, so the PDF is exactly what a person would print from the browser.
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

/** Chromium to print with: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Prints `htmlFile` to `pdfFile`; returns the number of bytes written. */
export async function printProtocolPdf(htmlFile: string, pdfFile: string): Promise<number> {
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    throw new Error(`Cannot start Chromium (${CHROMIUM_PATH}) to print the protocol: ${(error as Error).message.split('\n')[0]}. Install it (apt-get install chromium) or set CHROMIUM_PATH. The HTML protocol is kept: ${htmlFile}`);
  }
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
  return (await stat(pdfFile)).size;
}
