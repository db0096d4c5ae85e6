// The workbench's layout state: which panels are collapsed (desktop) and which one shows on a
// narrow window (one panel at a time, as tabs). Pane sizes are kept by paneforge itself
// (autoSaveId); this keeps the rest in localStorage too.
export const PANELS = ['editor', 'output', 'chat', 'model'] as const;
export type Panel = (typeof PANELS)[number];
/** The panels that can be collapsed beside the editor. */
export const SIDE_PANELS = ['model', 'output', 'chat'] as const;
export type SidePanel = (typeof SIDE_PANELS)[number];

export const LAYOUT_KEY = 'seekpad.layout.v1';

interface Saved {
  tab: Panel;
  collapsed: SidePanel[];
  /** Output beside the editor and chat below it, instead of the other way round. */
  swapped: boolean;
}

export function readLayout(storage: Storage | null): Saved {
  try {
    const raw = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? 'null') as Partial<Saved> | null;
    const tab = (PANELS as readonly string[]).includes(raw?.tab ?? '') ? (raw!.tab as Panel) : 'editor';
    const collapsed = Array.isArray(raw?.collapsed) ? raw.collapsed.filter((p): p is SidePanel => (SIDE_PANELS as readonly string[]).includes(p)) : [];
    return { tab, collapsed, swapped: raw?.swapped === true };
  } catch {
    return { tab: 'editor', collapsed: [], swapped: false };
  }
}

export class LayoutState {
  /** The window is narrow: one panel at a time. */
  narrow = $state(false);
  tab = $state<Panel>('editor');
  collapsed = $state<SidePanel[]>([]);
  swapped = $state(false);
  /** Set by the workbench: collapses or expands a side panel's pane. */
  paneToggle: ((panel: SidePanel, open: boolean) => void) | null = null;

  constructor(
    private readonly storage: Storage | null,
    media: MediaQueryList | null,
  ) {
    const saved = readLayout(storage);
    this.tab = saved.tab;
    this.collapsed = saved.collapsed;
    this.swapped = saved.swapped;
    this.narrow = media?.matches ?? false;
    media?.addEventListener('change', (e) => (this.narrow = e.matches));
  }

  isOpen(panel: SidePanel): boolean {
    return !this.collapsed.includes(panel);
  }

  /** Shows a panel: its tab on a narrow window, its pane expanded otherwise. */
  show(panel: Panel): void {
    this.tab = panel;
    if (panel !== 'editor') this.setOpen(panel, true);
    this.save();
  }

  /** Chat and output trade places (beside the editor / below it). */
  swap(): void {
    this.swapped = !this.swapped;
    this.save();
  }

  toggle(panel: SidePanel): void {
    this.setOpen(panel, !this.isOpen(panel));
  }

  /** Called by the panes themselves when dragged shut or open. */
  setOpen(panel: SidePanel, open: boolean, fromPane = false): void {
    const now = this.isOpen(panel);
    if (now !== open) this.collapsed = open ? this.collapsed.filter((p) => p !== panel) : [...this.collapsed, panel];
    if (!fromPane) this.paneToggle?.(panel, open);
    this.save();
  }

  private save(): void {
    try {
      this.storage?.setItem(LAYOUT_KEY, JSON.stringify({ tab: this.tab, collapsed: this.collapsed, swapped: this.swapped }));
    } catch {
      /* the layout still holds for this visit */
    }
  }
}
