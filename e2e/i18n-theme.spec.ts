// The interface language follows the browser until the user picks one; the theme follows the
// system until the user picks one; neither rides in a share link.
import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers.ts';

test.describe('a browser asking for Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('gets the interface in Simplified Chinese, then English once picked, kept across visits', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.getByText('在浏览器中运行 DeepSeek 代码与数学模型，无需服务器。')).toBeVisible();
    await expect(page.getByRole('button', { name: '生成' })).toBeVisible();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible();
    // The choice is the user's, not the link's.
    expect(page.url()).not.toMatch(/zh|lang|locale/i);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

test.describe('a browser in Taiwan', () => {
  test.use({ locale: 'zh-TW' });
  test('gets Traditional Chinese', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await expect(page.getByText('在瀏覽器中執行 DeepSeek 程式碼與數學模型，無需伺服器。')).toBeVisible();
  });
});

test.describe('a dark system', () => {
  test.use({ colorScheme: 'dark' });
  test('starts dark, editor included, and a picked light theme holds across visits', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('.monaco-editor')).toHaveClass(/vs-dark/);
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await bg()).toBe('rgb(13, 17, 23)');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('.monaco-editor')).not.toHaveClass(/vs-dark/);
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    // Back to the system's.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
