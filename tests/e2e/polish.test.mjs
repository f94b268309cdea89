// On a phone, by keyboard, in Chinese (issue 13): each test fails on the defect it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, query, rowCount, watchLayoutShift } from './harness.mjs';

const h = harness();

test('a real favicon, and a missing file is a 404 rather than the page', async () => {
  const p = await h.page('/?lang=en');
  const icon = await p.getAttribute('link[rel="icon"]', 'href');
  const res = await p.evaluate(async (href) => {
    const r = await fetch(href);
    return { status: r.status, type: r.headers.get('content-type'), body: (await r.text()).slice(0, 5) };
  }, icon);
  assert.deepEqual([res.status, res.type.split(';')[0], res.body], [200, 'image/svg+xml', '<svg ']);
  // Asked outside the page, so the 404 is not a console error of the page.
  const missing = await p.request.get(`${h.server.url}/favicon.ico`);
  assert.equal(missing.status(), 404);
  assert.doesNotMatch(await missing.text(), /<html/i);
});

test('the page is never blank: a loading line in both languages until the app mounts', async () => {
  const p = await h.page();
  const html = await (await p.request.get(`${h.server.url}/`)).text();
  // Quoted or, minified, not.
  assert.match(html, /id="?loading"?[^>]*>.*正在加载.*Loading/s);
  await p.goto(`${h.server.url}/?lang=en`);
  await p.waitForSelector('table.projects');
  assert.equal(await p.$('#loading'), null, 'removed once the app is there');
});

test('on a throttled phone the mount shifts nothing', async () => {
  const p = await h.page(undefined, { viewport: { width: 412, height: 823 } });
  const cdp = await h.browser.context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const shifted = await watchLayoutShift(p);
  await p.goto(`${h.server.url}/?lang=zh`);
  await p.waitForSelector('table.projects');
  await p.waitForTimeout(1500);
  const shift = await shifted();
  assert.ok(shift <= 0.02, `layout shift ${shift}`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

test('the tab title names the open project', async () => {
  const p = await h.page('/?lang=en&p=horqin-longma-wind-equipment-park');
  assert.match(await p.title(), /^.*Longma.* · /);
  const zh = await h.page('/?lang=zh&p=horqin-longma-wind-equipment-park');
  assert.match(await zh.title(), /^.*龙马.* · 通辽市/);
});

test('Chinese pages say 元, 人, 年 and use full-width punctuation', async () => {
  const p = await h.page('/?lang=zh&p=hure-xiexin-lead-zinc-mine');
  const base = await p.$$eval('table.figures td.base', (c) => c.map((x) => x.textContent));
  assert.ok(base.some((b) => /元$/.test(b)), base.join(' | '));
  assert.ok(!base.some((b) => /yuan|persons| a$/.test(b)), base.join(' | '));
  const audit = await p.textContent('[data-testid="detail"] .audit-list');
  assert.doesNotMatch(audit, /yuan|persons/);
  assert.match(audit, /：/);
  const list = await h.page('/?lang=zh&kind=highlight&district=kailu');
  assert.match(await list.textContent('#table-title'), /^当前项目：\d+$/);
  assert.match(await list.textContent('[data-testid="total-label"]'), /^合计（\d+个项目）$/);
});

test('a skip link is the first Tab stop and takes the focus to the results', async () => {
  const p = await h.page('/?lang=en');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.className), 'skip-link');
  assert.match(await p.evaluate(() => document.activeElement.textContent), /Skip to charts and table/);
  await p.keyboard.press('Enter');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'main');
  assert.ok(!query(p).has('#'), 'the link is unchanged');
  assert.equal(new URL(p.url()).hash, '');
});

test('checkboxes are at least 44 px tall touch targets on a phone', async () => {
  const p = await h.page('/?lang=zh', { viewport: { width: 390, height: 844 } });
  await p.click('.filters-panel summary');
  const heights = await p.$$eval('fieldset[data-facet="sector"] .facet-value', (l) => l.map((x) => x.getBoundingClientRect().height));
  assert.ok(heights.length > 0 && heights.every((x) => x >= 44), heights.join());
});

test('Back after a sort and a search returns to the sort, then to the start', async () => {
  const p = await h.page('/?lang=en');
  await p.click('th[data-col="jobs"] button');
  await p.waitForURL(/sort=/);
  const sorted = query(p).get('sort');
  await p.fill('#q', 'wind');
  await p.waitForURL(/q=wind/);
  await p.goBack();
  await p.waitForFunction(() => !new URLSearchParams(location.search).has('q'));
  assert.equal(query(p).get('sort'), sorted, 'the sort step is still there');
  await p.goBack();
  await p.waitForFunction(() => !new URLSearchParams(location.search).has('sort'));
  assert.equal(await rowCount(p), 21);
});

test('the timeline data table says each date once', async () => {
  const p = await h.page('/?lang=zh');
  const table = p.locator('section[data-chart="timeline"] details.chart-data');
  await table.scrollIntoViewIfNeeded();
  await table.locator('summary').click();
  const cell = table.locator('tbody tr[data-id="etdz-haineng-nimh-battery"] td');
  await cell.first().waitFor();
  const text = await cell.first().textContent();
  assert.match(text, /2023年底/);
  assert.doesNotMatch(text, /2023-12/, text);
});

test('active filters show as removable chips, on a phone with the panel shut and in embed mode', async () => {
  const p = await h.page('/?lang=en&sector=energy&district=kailu&q=wind&min=10', { viewport: { width: 390, height: 844 } });
  const chips = await p.$$eval('[data-testid="chips"] .chip span', (s) => s.map((x) => x.textContent));
  assert.deepEqual(chips, ['Sector: D Electricity, heat, gas and water supply', 'District: Kailu County', '“wind”', 'Min: CNY 1 bn'], chips.join(' | '));
  await p.click('[data-testid="chips"] .chip:first-child button');
  await p.waitForFunction(() => !new URLSearchParams(location.search).has('sector'));
  assert.equal(await p.$$eval('[data-testid="chips"] .chip', (c) => c.length), 3);
  const embed = await h.page('/?lang=zh&embed=1&theme=wind');
  assert.match(await embed.textContent('[data-testid="chips"]'), /主题：风电/);
});

test('on a phone each figure is a card whose value, base value and source are all in sight', async () => {
  const p = await h.page('/?lang=en&p=jarud-daolaodu-wind-500mw', { viewport: { width: 390, height: 844 } });
  await p.waitForSelector('[data-testid="detail"] table.figures');
  const cells = await p.$$eval('table.figures tbody td', (tds) => tds.map((td) => {
    const r = td.getBoundingClientRect();
    return { label: td.dataset.label, left: r.left, right: r.right, width: r.width };
  }));
  assert.ok(cells.length > 8);
  const hidden = cells.filter((c) => c.width === 0 || c.left < 0 || c.right > 390);
  assert.deepEqual(hidden, [], 'every cell is inside the screen');
  assert.ok(cells.every((c) => c.label), 'each cell is labelled');
  // The source names the page, then the line, which does not wrap.
  const src = p.locator('table.figures tbody tr').first().locator('.src-ref');
  assert.match(await src.textContent(), /“2022 major project highlights”, line \d+/);
  const line = await src.locator('.src-line').evaluate((e) => e.getClientRects().length);
  assert.equal(line, 1, 'the line number stays on one line');
});

test('the tile map moves by position, and a live region announces the focused tile', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 1440, height: 900 } });
  await p.locator('[data-testid="district-chart"]').scrollIntoViewIfNeeded();
  await p.waitForFunction(() => document.querySelector('[data-testid="district-chart"]').dataset.anchors);
  await p.focus('[data-testid="district-chart"]');
  const said = () => p.textContent('[data-testid="district-chart-focus"]');
  await p.keyboard.press('ArrowDown');
  assert.match(await said(), /^Horqin District/);
  await p.keyboard.press('ArrowDown');
  assert.match(await said(), /^Hure Banner/, 'the tile below');
  await p.keyboard.press('ArrowRight');
  assert.match(await said(), /^Horqin Left Rear/);
  await p.keyboard.press('ArrowUp');
  assert.match(await said(), /^Tongliao Economic/);
  // The tooltip of a tile at the right edge stays inside the chart.
  const [tip, box] = await Promise.all([
    p.locator('.chart .tooltip').boundingBox(),
    p.locator('[data-testid="district-chart"]').boundingBox(),
  ]);
  assert.ok(tip.x >= box.x - 1 && tip.x + tip.width <= box.x + box.width + 1, `tooltip ${JSON.stringify(tip)} in ${JSON.stringify(box)}`);
});

test('English readers give the investment range in CNY bn; the link keeps 亿元', async () => {
  const p = await h.page('/?lang=en');
  assert.match(await p.textContent('fieldset.range legend'), /Total investment \(CNY bn\)/);
  await p.fill('input[name="min"]', '2');
  await p.press('input[name="min"]', 'Tab');
  await p.waitForURL(/min=20/);
  assert.ok((await rowCount(p)) > 0);
  const zh = await h.page('/?lang=zh&min=20');
  assert.equal(await zh.inputValue('input[name="min"]'), '20');
  assert.match(await zh.textContent('fieldset.range legend'), /总投资（亿元）/);
  assert.equal(await p.inputValue('input[name="min"]'), '2');
});

test('the programme data table keeps its first column readable on a phone', async () => {
  const p = await h.page('/?lang=zh', { viewport: { width: 390, height: 844 } });
  const details = p.locator('section.programme details');
  await details.scrollIntoViewIfNeeded();
  await details.locator('summary').click();
  const widths = await p.$$eval('.programme-table tbody tr > :first-child', (c) => c.map((x) => x.getBoundingClientRect().width));
  assert.ok(widths.length > 5 && Math.min(...widths) >= 90, `first column ${Math.min(...widths)} px`);
});

test('dark mode: the page and its charts are dark; PNG downloads and print stay light', async () => {
  const p = await h.page();
  await p.emulateMedia({ colorScheme: 'dark' });
  await p.addInitScript(() => {
    const toDataURL = HTMLCanvasElement.prototype.toDataURL;
    HTMLCanvasElement.prototype.toDataURL = function (...args) {
      window.__pngCorner = [...this.getContext('2d').getImageData(1, 1, 1, 1).data];
      return toDataURL.apply(this, args);
    };
  });
  await p.goto(`${h.server.url}/?lang=en`);
  await p.waitForFunction(() => document.querySelector('[data-testid="sector-chart"]')?.dataset.anchors);
  const corner = () => p.$eval('[data-testid="sector-chart"]', (c) => [...c.getContext('2d').getImageData(1, 1, 1, 1).data]);
  const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const luminance = ([r, g, b]) => (r + g + b) / 3;
  assert.ok(luminance(bg.match(/\d+/g).map(Number)) < 60, `page ground ${bg}`);
  assert.ok(luminance(await corner()) < 60, `chart ground ${await corner()}`);
  const [download] = await Promise.all([p.waitForEvent('download'), p.locator('section[data-chart="sector"] button.download').click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  assert.ok(luminance(await p.evaluate(() => window.__pngCorner)) > 240, 'the PNG is light');
  await p.emulateMedia({ colorScheme: 'dark', media: 'print' });
  await p.waitForFunction(() => {
    const [r, g, b] = document.querySelector('[data-testid="sector-chart"]').getContext('2d').getImageData(1, 1, 1, 1).data;
    return (r + g + b) / 3 > 240;
  });
  await p.emulateMedia({ colorScheme: 'light', media: 'screen' });
  await p.waitForFunction(() => {
    const [r, g, b] = document.querySelector('[data-testid="sector-chart"]').getContext('2d').getImageData(1, 1, 1, 1).data;
    return (r + g + b) / 3 > 240;
  });
});

test('at 1024 px the sector column shows the letter and a short name, the full name on hover', async () => {
  const p = await h.page('/?lang=en&sector=energy', { viewport: { width: 1024, height: 800 } });
  const cell = p.locator('table.projects tbody tr[data-id] td[data-col="sector"]').first();
  assert.equal((await cell.textContent()).trim(), 'D Utilities');
  assert.equal(await cell.getAttribute('title'), 'D Electricity, heat, gas and water supply');
  const fits = await cell.locator('.clamp').evaluate((e) => e.scrollWidth <= e.clientWidth + 1);
  assert.ok(fits, 'not cut');
  const header = await p.locator('th[data-col="investment"] button').evaluate((b) => b.scrollWidth <= b.parentElement.clientWidth + 1);
  assert.ok(header, 'the Investment header keeps its arrow inside its column');
});

test('focus rings: inside the clamped table cells for the keyboard, none after a mouse click', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 1440, height: 900 } });
  await p.focus('table.projects tbody tr[data-id] a');
  await p.keyboard.press('Tab');
  const ring = await p.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { inTable: !!document.activeElement.closest('.clamp'), style: s.outlineStyle, offset: s.outlineOffset };
  });
  assert.deepEqual(ring, { inTable: true, style: 'solid', offset: '-3px' }, 'drawn inside the cell, which clips overflow');
  await p.click('th[data-col="jobs"] button');
  const afterClick = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(afterClick, 'none', 'no ring after a mouse click');
});

test('on a phone the jobs column shows "nearly 10,000" whole', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 390, height: 844 } });
  const cell = p.locator('tr[data-id="horqin-longma-wind-equipment-park"] td.num').last().locator('.clamp');
  assert.match(await cell.textContent(), /nearly 10,000/);
  // Rows show two lines at most: the figure must fit in them.
  const lines = await cell.evaluate((e) => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; });
  assert.ok(lines <= 2, `${lines} lines in a two-line row`);
});

test('on a phone every column header is whole, with its sort arrow, in both languages', async () => {
  for (const lang of ['en', 'zh']) {
    for (const sort of ['-investment', '-jobs', 'name']) {
      const p = await h.page(`/?lang=${lang}&sort=${sort}`, { viewport: { width: 390, height: 844 } });
      const cut = await p.$$eval('table.projects thead th', (ths) => ths
        .filter((th) => th.offsetParent !== null)
        .filter((th) => { const b = th.querySelector('button') ?? th; const pad = parseFloat(getComputedStyle(th).paddingLeft) + parseFloat(getComputedStyle(th).paddingRight); return b.scrollWidth > th.clientWidth - pad + 1; })
        .map((th) => th.textContent.trim()));
      assert.deepEqual(cut, [], `${lang} sort=${sort}: headers cut`);
      await p.close();
    }
  }
});

test('choosing what is already shown adds no history entry', async () => {
  const p = await h.page('/?lang=en&sector=energy');
  const before = await p.evaluate(() => [history.length, location.search]);
  await p.click('header button:has-text("English")');
  await p.waitForTimeout(200);
  assert.deepEqual(await p.evaluate(() => [history.length, location.search]), before, 'the language already shown');
  // A real change still makes one.
  await p.click('header button:has-text("中文")');
  await p.waitForFunction(() => new URLSearchParams(location.search).get('lang') === 'zh');
  assert.equal(await p.evaluate(() => history.length), before[0] + 1);
});
