// The chat's modes and roles: the menu, the prompt builders, share links and the autosave all
// read these lists.
import type { Text } from '../i18n/text.ts';

export const CHAT_MODES = ['chat', 'math', 'tool'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** Who said a turn. */
export const CHAT_ROLES = ['user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export const CHAT_MODE_LABELS: Readonly<Record<ChatMode, Text>> = {
  chat: { key: 'chat_mode_chat' },
  math: { key: 'chat_mode_math' },
  // Program-aided math: the model writes Python, the sandbox runs it.
  tool: { key: 'chat_mode_tool' },
};
