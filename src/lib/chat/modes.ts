// The chat's modes: the menu, share links and the autosave all read this one list.
export const CHAT_MODES = ['chat', 'math', 'tool'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

export const CHAT_MODE_LABELS: Readonly<Record<ChatMode, string>> = {
  chat: 'Chat',
  math: 'Math (step by step)',
  // Program-aided math: the model writes Python, the sandbox runs it.
  tool: 'Math with Python',
};
