// Swagger UI in a real browser: open the service's address (GET / redirects to Swagger UI), open
// POST /api/v1/backprop, press "Try it out" and "Execute" on the worked example, and read a 200
// with loss 24.5 in the rendered response.
//
// BASE_URL: the running service (default http://127.0.0.1:8080), with the default server URL in
// its spec ("/"), so that "Execute" goes to the address the page was loaded from. CHROMIUM: the browser binary
// (default Debian's /usr/bin/chromium). SCREENSHOT: where to save the picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshot = process.env.SCREENSHOT ?? new URL('../../target/swagger-ui-backprop.png', import.meta.url).pathname;

test('Swagger UI executes the worked example and shows loss 24.5', { timeout: 120_000 }, async () => {
  const profile = mkdtempSync(join(tmpdir(), 'swagger-ui-test-'));
  // this machine's network is closed: no background, update or sync traffic
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1100 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    // the service's own address leads to Swagger UI
    await page.goto(`${baseUrl}/`);
    assert.match(page.url(), /\/swagger-ui\/index\.html/, 'GET / redirects to Swagger UI');

    const operation = page.locator('#operations-backprop-backprop');
    await operation.locator('.opblock-summary').first().click();
    await operation.getByRole('button', { name: 'Try it out' }).click();

    // the first example is the worked example; choose it by name all the same
    const exampleSelect = operation.locator('.opblock-section-request-body select.examples-select-element');
    await exampleSelect.selectOption('worked-example');
    const body = await operation.locator('textarea.body-param__text').inputValue();
    assert.equal(JSON.parse(body).layout, 'dimension-first', 'the worked example is in the request body');

    await operation.getByRole('button', { name: 'Execute' }).click();

    const live = operation.locator('.live-responses-table .response');
    await live.first().waitFor({ timeout: 30_000 });
    const requestUrl = (await operation.locator('.request-url pre').first().innerText()).trim();
    assert.equal(requestUrl, `${baseUrl}/api/v1/backprop`, 'Execute calls the address Swagger UI was loaded from');
    const status = (await live.locator('.response-col_status').first().innerText()).trim();
    const rendered = await live.locator('.response-col_description pre').first().innerText();
    await live.first().scrollIntoViewIfNeeded();

    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);

    assert.equal(status, '200', `status shown by Swagger UI; body: ${rendered}`);
    const answer = JSON.parse(rendered);
    assert.equal(answer.loss, 24.5);
    assert.deepEqual(answer.output, [[-4.5, -2.5, 0.5, 4.5]]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
