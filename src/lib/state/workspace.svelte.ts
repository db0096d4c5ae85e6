// Everything a share link or the autosave holds, read and written as one ShareState. The model
// choice lives here too, so the picker, links and autosave share one source of truth.
import { familyOfChoice, type ModelChoice } from '../models/catalog.ts';
import type { Family } from '../../contract/sets.ts';
import { defaultSystemPrompt } from '../prompts/instruct.ts';
import type { ShareState } from '../share/state.ts';
import type { ActionId } from '../prompts/actions.ts';
import type { ChatState } from './chat.svelte.ts';
import type { ProjectState } from './project.svelte.ts';
import type { GenerationSettings } from './settings.svelte.ts';

export class Workspace {
  choice = $state<ModelChoice>({ model: '', device: 'auto', dtype: 'auto' });
  /** The prompt format of the model last loaded (not of whatever the picker shows now). */
  loadedFamily = $state<Family>('deepseek-coder');
  /** Set once a model has loaded: a restored link then no longer changes the prompt format. */
  modelLoaded = false;
  /** A link's coding action, for the page to prepare once the editor shows the file. */
  pendingAction = $state.raw<ActionId | null>(null);
  private chatState: ChatState | null = null;

  constructor(
    readonly project: ProjectState,
    readonly settings: GenerationSettings,
    initial: ModelChoice,
  ) {
    this.choice = { ...initial };
    this.loadedFamily = familyOfChoice(initial);
  }

  /** The chat is built with this workspace's family, so it joins afterwards. */
  attachChat(chat: ChatState): void {
    this.chatState = chat;
  }

  snapshot(): ShareState {
    const chat = this.chatState;
    const system = chat?.system ?? '';
    const mode = chat?.mode ?? 'chat';
    return {
      files: this.project.files.map((f) => ({ path: f.path, text: f.text })),
      active: this.project.activePath,
      choice: { ...this.choice },
      settings: this.settings.values(),
      chat: {
        mode,
        system: system === '' || system === defaultSystemPrompt(this.loadedFamily) ? null : system,
        turns: (chat?.turns ?? []).map((t) => ({ role: t.role, content: t.content, ...(t.math ? { math: true } : {}) })),
      },
      embed: false,
    };
  }

  apply(s: ShareState): void {
    this.project.replace(s.files, s.active);
    this.settings.assign(s.settings);
    this.choice = { ...s.choice };
    if (!this.modelLoaded) this.loadedFamily = familyOfChoice(s.choice);
    const chat = this.chatState;
    if (chat && !chat.generating) {
      chat.turns = s.chat.turns.map((t) => ({ ...t }));
      chat.mode = s.chat.mode;
      chat.ensureSystem();
      chat.system = s.chat.system ?? defaultSystemPrompt(this.loadedFamily);
      if (s.start?.draft !== undefined) chat.draft = s.start.draft;
    }
    const cursor = s.start?.cursor;
    this.project.pendingCursor = cursor === undefined ? null : { path: this.project.activePath, offset: cursor };
    this.pendingAction = s.start?.action ?? null;
  }
}
