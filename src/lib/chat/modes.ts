// The chat's modes and roles: the menu, the prompt builders, share links and the autosave all
// read these lists.
export const CHAT_MODES = ['chat', 'math', 'tool'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** Who said a turn. */
export const CHAT_ROLES = ['user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export const CHAT_MODE_LABELS: Readonly<Record<ChatMode, string>> = {
  chat: 'Chat',
  math: 'Math (step by step)',
  // Program-aided math: the model writes Python, the sandbox runs it.
  tool: 'Math with Python',
};
