// The workbench at the sizes people use: nothing clipped or sticking out of its panel, panels
// that resize and collapse and stay so, and one panel at a time on a phone.
import { expect, test, type Page } from '@playwright/test';
import { trackErrors } from './helpers.ts';

/** Elements with their own text that stick out of their panel or are cut by their own box. */
function offenders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const roots = Array.from(document.querySelectorAll('.app-header, [data-panel], [role=tabpanel]:not([hidden]), [role=tablist], [role=toolbar]')) as HTMLElement[];
    for (const root of roots) {
      const box = root.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      for (const el of Array.from(root.querySelectorAll('*')) as HTMLElement[]) {
        if (el.closest('.monaco-editor, .visually-hidden, [hidden], details:not([open]) > :not(summary)')) continue;
        const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!own) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const name = `${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 30)}"`;
        if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${name} sticks out of its panel (${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(box.left)}..${Math.round(box.right)})`);
        const style = getComputedStyle(el);
        // An ellipsis with the whole text in its title is a choice, not a clip.
        const ellipsis = style.textOverflow === 'ellipsis' && el.title !== '';
        if (!ellipsis && style.overflowX !== 'visible' && style.overflowX !== 'auto' && style.overflowX !== 'scroll' && el.scrollWidth > el.clientWidth + 1) out.push(`${name} is clipped (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return out;
  });
}

for (const [width, height] of [[1280, 720], [1440, 900], [390, 844]] as const) {
  test(`${width}x${height}: no text clipped or outside its panel, in English and in Chinese`, async ({ page }) => {
    const errors = trackErrors(page);
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
    expect(await offenders(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-Hans');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    expect(await offenders(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

// The editor keeps a minimum height: in a short panel it must push the completion bar down
// (the panel scrolls), never paint over it.
test('a short window: the editor never covers the completion bar', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 420 });
  await page.goto('/');
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  const toggle = page.getByRole('checkbox', { name: 'Completions' });
  await toggle.scrollIntoViewIfNeeded();
  const hit = await toggle.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el;
  });
  expect(hit).toBe(true);
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
});

test('desktop: panels collapse, resize, and come back as they were left', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const chat = page.locator('[data-panel=chat]');
  const model = page.locator('[data-panel=model]');
  await expect(chat.getByRole('heading', { name: 'Chat' })).toBeVisible();
  await page.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name: 'Chat' }).click();
  await expect.poll(async () => (await chat.boundingBox())?.width ?? 0).toBeLessThan(10);
  // Drag the model panel's edge 120 px to the right.
  const before = (await model.boundingBox())!.width;
  const handle = page.locator('[data-pane-resizer]').first();
  const h = (await handle.boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 + 120, h.y + h.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await model.boundingBox())!.width).toBeGreaterThan(before + 80);
  const resized = (await model.boundingBox())!.width;
  await page.reload();
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  expect((await chat.boundingBox())?.width ?? 0).toBeLessThan(10);
  expect(Math.abs((await model.boundingBox())!.width - resized)).toBeLessThan(4);
  await page.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name: 'Chat' }).click();
  await expect(chat.getByRole('heading', { name: 'Chat' })).toBeVisible();

  // Swap: the chat goes below the editor and the output beside it, and stays so.
  const editor = page.locator('[data-panel=editor]');
  const output = page.locator('[data-panel=output]');
  const besideEditor = async () => (await output.boundingBox())!.x > (await editor.boundingBox())!.x + (await editor.boundingBox())!.width - 1;
  expect(await besideEditor()).toBe(false);
  await page.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name: 'Swap' }).click();
  await expect.poll(besideEditor).toBe(true);
  await expect.poll(async () => (await chat.boundingBox())!.y).toBeGreaterThan((await editor.boundingBox())!.y + (await editor.boundingBox())!.height - 1);
  await expect(chat.getByRole('heading', { name: 'Chat' })).toBeVisible();
  await page.reload();
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  expect(await besideEditor()).toBe(true);
});

test('phone: one panel at a time, as tabs, and the model button opens the model panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Chat' })).toBeHidden();
  await tabs.getByRole('tab', { name: 'Chat' }).click();
  await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
  await expect(page.locator('.editor')).toBeHidden();
  await page.reload();
  await expect(tabs.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: /No model loaded/ }).click();
  await expect(tabs.getByRole('tab', { name: 'Model' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Load model' })).toBeVisible();
});
