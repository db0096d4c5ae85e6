// Drives bench/index.html: bare transformers.js and the app's Engine, each in its own worker,
// called through window.seekpadBench.
import type { BrowserContext, Page } from '@playwright/test';
import type { IdleWaits } from './quiet.ts';
import type { BareLoadRequest, BareLoadResult, FimRun, HarnessName, PassCostRequest, PassCostResult, RunTiming } from './protocol.ts';

export class HarnessPage {
  private constructor(
    readonly page: Page,
    private readonly idle: IdleWaits,
  ) {}

  /** `idle`: waits for an idle browser before each timed run. */
  static async open(context: BrowserContext, url: string, idle: IdleWaits): Promise<HarnessPage> {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    return new HarnessPage(page, idle);
  }

  load(name: HarnessName, request: BareLoadRequest): Promise<BareLoadResult> {
    return this.page.evaluate(([n, r]) => {
      if (!window.seekpadBench) throw new Error('the bench page did not start');
      return window.seekpadBench[n].load(r);
    }, [name, request] as const);
  }

  /** Brings the page to the front, then waits for the repaint that causes to finish. */
  private async front(): Promise<void> {
    await this.page.bringToFront();
    await this.idle.settle();
  }

  async generate(name: HarnessName, prompt: string, maxNewTokens: number, drafts = false): Promise<RunTiming> {
    await this.front();
    return this.page.evaluate(
      ([n, p, max, d]) => {
        if (!window.seekpadBench) throw new Error('the bench page did not start');
        return window.seekpadBench[n].generate(p, max, d);
      },
      [name, prompt, maxNewTokens, drafts] as const,
    );
  }

  async passCost(request: PassCostRequest): Promise<PassCostResult> {
    await this.front();
    return this.page.evaluate((r) => {
      if (!window.seekpadBench) throw new Error('the bench page did not start');
      return window.seekpadBench.bare.passCost(r);
    }, request);
  }

  async fim(run: FimRun): Promise<RunTiming> {
    await this.front();
    return this.page.evaluate((r) => {
      if (!window.seekpadBench) throw new Error('the bench page did not start');
      return window.seekpadBench.engine.fim(r);
    }, run);
  }
}
