// What a share link (and the autosave) carries: everything that makes a prompt reproducible.
import { defaultChoice, type ModelChoice } from '../models/catalog.ts';
import type { ProjectFile } from '../project/files.ts';
import { DEFAULT_SETTINGS, STARTER_FILES, type SettingsValues } from '../defaults.ts';
import { HUB_HOST } from '../../contract/sets.ts';
import type { ChatMode, ChatRole } from '../chat/modes.ts';
import type { ActionId } from '../prompts/actions.ts';

export interface SharedTurn {
  role: ChatRole;
  content: string;
  math?: boolean;
}

export interface ShareState {
  files: ProjectFile[];
  active: string;
  choice: ModelChoice;
  settings: SettingsValues;
  chat: {
    mode: ChatMode;
    /** null: the model family's default system prompt. */
    system: string | null;
    turns: SharedTurn[];
  };
  /** Open in the compact embed view. */
  embed: boolean;
  /** Where a link starts the visitor (the gallery's examples): applied once, never autosaved. */
  start?: LinkStart;
}

export interface LinkStart {
  /** Offset of the cursor in the active file. */
  cursor?: number;
  /** Text left in the chat box. */
  draft?: string;
  /** A coding action prepared on the active file. */
  action?: ActionId;
}

export function defaultShareState(): ShareState {
  return {
    files: STARTER_FILES.map((f) => ({ ...f })),
    active: STARTER_FILES[0].path,
    choice: defaultChoice(),
    settings: { ...DEFAULT_SETTINGS },
    chat: { mode: 'chat', system: null, turns: [] },
    embed: false,
  };
}

/** True when a model host is the Hub itself (no host means the Hub). */
export function isHubHost(host: string | undefined): boolean {
  if (!host) return true;
  try {
    return new URL(host).origin === new URL(HUB_HOST).origin;
  } catch {
    return false;
  }
}
