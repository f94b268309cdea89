// Launches Debian's Chromium through playwright-core (no downloaded browser) and
// collects console errors and uncaught exceptions for every page.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch(options = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tongliao-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A new page whose console errors and page errors are recorded in `page.problems`. */
export async function newPage(context, options = {}) {
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  return page;
}

/** Opens `path` and waits until the app has rendered its table. */
export async function open(page, base, path = '/') {
  await page.goto(base + path);
  await page.waitForSelector('table.projects, [data-testid="detail"], .load-error', { timeout: 20000 });
}
