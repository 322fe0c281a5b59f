// The board in Debian's chromium (playwright-core): a report shows up on an open page without a
// reload, a wrong join code changes nothing on it, names are shown as text, and after kill -9 and a
// restart the same page (reconnecting by itself) and a freshly opened one show the same state.
import path from 'node:path';
import { launchChromium } from '@storylabs/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportToBoard } from '../src/index.ts';
import {
  type ChildBoard,
  killChild,
  sampleResults,
  startChildBoard,
  startChildBoardForRestart,
  temporaryDir,
} from './helpers.ts';

const tmp = temporaryDir();
const dbFile = path.join(tmp.dir, 'browser.sqlite');
let browser: Browser;
let board: ChildBoard;
let page: Page;
let navigations = 0;

beforeAll(async () => {
  [browser, board] = await Promise.all([launchChromium(), startChildBoardForRestart(['--db', dbFile])]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.goto(board.url);
  await page.locator('#connection[data-state="live"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await killChild(board);
  tmp.remove();
});

function report(name: string, results = sampleResults, code = board.joinCode, instance = 'default') {
  return reportToBoard({
    url: board.url,
    code,
    name,
    lab: 'toy-redis',
    instance,
    results,
    timeoutMs: 10_000,
  });
}

/** What the board shows, without the durations that tick: learner, instance, and each cell's status. */
function shown(p: Page) {
  return p.$$eval('section.lab tbody tr', (rows) =>
    rows.map((row) => [
      row.getAttribute('data-learner'),
      row.getAttribute('data-instance'),
      [...row.querySelectorAll('td[data-objective]')].map(
        (cell) => `${cell.getAttribute('data-objective')}=${cell.getAttribute('data-status')}`,
      ),
    ]),
  );
}

it('shows a report on the open page without a reload', async () => {
  expect(await report('Ada Lovelace')).toMatchObject({ ok: true });
  const row = page.locator('tr[data-learner="Ada Lovelace"]');
  await row.waitFor();
  await expect.poll(() => row.locator('td[data-objective="ping"]').getAttribute('data-status')).toBe('pass');
  expect(await row.locator('td[data-objective="set-get"]').getAttribute('title')).toBe(
    'failed: GET returned nil',
  );
  // Stuck on the first objective not passed, with its reason, in the stuck list too.
  expect(await row.locator('td').nth(4).textContent()).toBe('SET then GET');
  await expect.poll(() => page.locator('#stuck-list li[data-learner="Ada Lovelace"]').count()).toBe(1);

  // Progress moves the same row, still without a reload.
  expect(
    await report(
      'Ada Lovelace',
      sampleResults.map((r) => ({ ...r, status: 'pass' })),
    ),
  ).toMatchObject({ ok: true });
  await expect.poll(() => row.getAttribute('class')).toBe('done');
  expect(navigations).toBe(1);
});

it('refuses a wrong join code, and nothing of it reaches the page', async () => {
  const refused = await report('Mallory', sampleResults, 'WRONG-CODE');
  expect(refused).toMatchObject({ ok: false, status: 401 });
  // A report sent after the refused one shows up, so the refused one had its chance and did not.
  expect(await report('Grace Hopper')).toMatchObject({ ok: true });
  await page.locator('tr[data-learner="Grace Hopper"]').waitFor();
  expect(await page.locator('body').textContent()).not.toContain('Mallory');
  expect(navigations).toBe(1);
});

it('shows a hostile name as text', async () => {
  const name = '<img src=x onerror="window.__pwned=1">';
  expect(await report(name, sampleResults, board.joinCode, 'second')).toMatchObject({ ok: true });
  const cell = page.locator('tr[data-instance="second"] td.learner');
  await expect.poll(() => cell.textContent()).toBe(`${name} · second`);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
});

it('after kill -9 and a restart, shows the same state (the open page reconnects by itself)', async () => {
  const before = await shown(page);
  expect(before).toHaveLength(3);
  await killChild(board, 'SIGKILL');
  await page.locator('#connection[data-state="reconnecting"]').waitFor();
  board = await startChildBoard(['--db', dbFile, '--port', String(board.port)]);
  await page.locator('#connection[data-state="live"]').waitFor({ timeout: 30_000 });
  expect(await shown(page)).toEqual(before);
  expect(navigations).toBe(1);

  const fresh = await browser.newPage();
  await fresh.goto(board.url);
  await fresh.locator('#connection[data-state="live"]').waitFor();
  expect(await shown(fresh)).toEqual(before);
  await fresh.close();
});

it('has a projector view: large type, the same rows', async () => {
  const projector = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await projector.goto(`${board.url}?view=projector`);
  await projector.locator('#connection[data-state="live"]').waitFor();
  expect(await projector.evaluate("document.body.classList.contains('projector')")).toBe(true);
  const fontSize = Number(await projector.evaluate('parseFloat(getComputedStyle(document.body).fontSize)'));
  expect(fontSize).toBeGreaterThanOrEqual(24);
  expect(await shown(projector)).toEqual(await shown(page));
  if (process.env.STORYLABS_BOARD_SCREENSHOTS)
    await projector.screenshot({
      path: path.join(process.env.STORYLABS_BOARD_SCREENSHOTS, 'projector.png'),
      fullPage: true,
    });
  await projector.close();
});

it('fits a phone: wide tables scroll inside the page, the page itself does not', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(board.url);
  await phone.locator('#connection[data-state="live"]').waitFor();
  expect(await shown(phone)).toEqual(await shown(page));
  expect(Number(await phone.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
  await phone.close();
});
