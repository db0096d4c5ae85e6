// Drives bench/index.html: bare transformers.js and the app's Engine, each in its own worker,
// called through window.seekpadBench.
import type { BrowserContext, Page } from '@playwright/test';
import type { BareLoadRequest, BareLoadResult, FimRun, HarnessName, RunTiming } from './protocol.ts';

export class HarnessPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string): Promise<HarnessPage> {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    return new HarnessPage(page);
  }

  load(name: HarnessName, request: BareLoadRequest): Promise<BareLoadResult> {
    return this.page.evaluate(([n, r]) => {
      if (!window.seekpadBench) throw new Error('the bench page did not start');
      return window.seekpadBench[n].load(r);
    }, [name, request] as const);
  }

  async generate(name: HarnessName, prompt: string, maxNewTokens: number): Promise<RunTiming> {
    await this.page.bringToFront();
    return this.page.evaluate(
      ([n, p, max]) => {
        if (!window.seekpadBench) throw new Error('the bench page did not start');
        return window.seekpadBench[n].generate(p, max);
      },
      [name, prompt, maxNewTokens] as const,
    );
  }

  async fim(run: FimRun): Promise<RunTiming> {
    await this.page.bringToFront();
    return this.page.evaluate((r) => {
      if (!window.seekpadBench) throw new Error('the bench page did not start');
      return window.seekpadBench.engine.fim(r);
    }, run);
  }
}
