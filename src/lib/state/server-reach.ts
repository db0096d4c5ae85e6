// The page reaches a model server only when public/csp.js put its origin in connect-src, which it
// does at page load for the servers the user approved. A newly approved one needs one reload;
// what the user was doing (loading, listing models) goes on after it. The work is in the autosave.
const RESUME = 'seekpad.resume.v1';
const STEPS = ['load', 'list'] as const;
export type ResumeStep = (typeof STEPS)[number];

export class ServerReach {
  /** Set when this page came from such a reload: it never reloads again for it (no loop). */
  readonly resumed: ResumeStep | null;

  constructor(
    private readonly doc: Pick<Document, 'querySelector'>,
    private readonly session: Storage | null,
    private readonly reloadPage: () => void,
  ) {
    let step: string | null = null;
    try {
      step = session?.getItem(RESUME) ?? null;
      session?.removeItem(RESUME);
    } catch {
      /* no session storage: nothing to resume */
    }
    this.resumed = STEPS.find((s) => s === step) ?? null;
  }

  /** Whether the page's policy lets it fetch from `url`; true where no csp.js ran. */
  reaches(url: string): boolean {
    const meta = this.doc.querySelector('meta[data-servers]');
    if (!meta) return true;
    try {
      return (meta.getAttribute('data-servers') ?? '').split(' ').includes(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** Reloads so csp.js allows `url`, then `step` goes on; false (no reload) when that cannot help. */
  reloadFor(url: string, step: ResumeStep): boolean {
    if (this.reaches(url) || this.resumed) return false;
    try {
      this.session?.setItem(RESUME, step);
    } catch {
      /* the user repeats the step after the reload */
    }
    this.reloadPage();
    return true;
  }
}
