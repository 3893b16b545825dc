import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Logger } from '@cc/shared/node';

/** Debian's chromium; `CHROMIUM_PATH` names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No browser to print with: the PDF cannot be made here (the JSON and the page still can). */
export class NoChromium extends Error {}

/**
 * Prints HTML pages to PDF with headless Chromium, offline (the page is set as content; it loads
 * nothing). One browser, started on first use and kept; one page at a time (printing is heavy on
 * a small machine and reports are rare).
 */
export function createPdfPrinter(log: Logger, executablePath = CHROMIUM_PATH) {
  let browser: Promise<Browser> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const launch = () => {
    if (!existsSync(executablePath)) {
      throw new NoChromium(
        `no Chromium at ${executablePath} to print the PDF with: install chromium or set CHROMIUM_PATH (the report's JSON and page work without it)`,
      );
    }
    if (!browser) {
      const started = chromium.launch({ executablePath, args: ['--no-sandbox'] });
      browser = started;
      started.then(
        (b) =>
          b.on('disconnected', () => {
            if (browser === started) browser = undefined;
          }),
        () => {
          if (browser === started) browser = undefined;
        },
      );
    }
    return browser;
  };
  const print = async (html: string): Promise<Buffer> => {
    const b = await launch();
    const context = await b.newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close().catch(() => {});
    }
  };
  return {
    print(html: string): Promise<Buffer> {
      const run = queue.then(() => print(html));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      const b = browser;
      browser = undefined;
      if (b)
        await (
          await b.catch(() => undefined)
        )
          ?.close()
          .catch((err: Error) => log.warn({ err: err.message }, 'report printer did not close'));
    },
  };
}
export type PdfPrinter = ReturnType<typeof createPdfPrinter>;
