// What the completion code needs to know about a language: how to write a one-line
// comment (for the path headers of repository context) and how its blocks end.

/** How a one-line comment is written. */
export type CommentStyle = 'hash' | 'slash' | 'dash' | 'html' | 'css' | 'percent' | 'semicolon';
/** How blocks end: by dedenting (Python), by a closing brace (C family), or neither rule applies. */
export type BlockStyle = 'indent' | 'brace' | 'other';

export interface LanguageInfo {
  /** Monaco-style language id. */
  id: string;
  comment: CommentStyle;
  blocks: BlockStyle;
  /** Characters that start a string literal (for bracket counting). */
  quotes: string;
}

const L = (id: string, comment: CommentStyle, blocks: BlockStyle, quotes = '"\''): LanguageInfo => ({
  id,
  comment,
  blocks,
  quotes,
});

const LANGUAGES: readonly [LanguageInfo, string[]][] = [
  [L('python', 'hash', 'indent'), ['py', 'pyi', 'pyw']],
  [L('typescript', 'slash', 'brace', '"\'`'), ['ts', 'tsx', 'mts', 'cts']],
  [L('javascript', 'slash', 'brace', '"\'`'), ['js', 'jsx', 'mjs', 'cjs']],
  [L('c', 'slash', 'brace'), ['c', 'h']],
  [L('cpp', 'slash', 'brace'), ['cpp', 'cc', 'cxx', 'hpp', 'hh', 'hxx', 'cu']],
  [L('java', 'slash', 'brace'), ['java']],
  [L('csharp', 'slash', 'brace'), ['cs']],
  [L('go', 'slash', 'brace', '"\'`'), ['go']],
  // Rust's ' also starts lifetimes ('a), so only " opens a string.
  [L('rust', 'slash', 'brace', '"'), ['rs']],
  [L('kotlin', 'slash', 'brace'), ['kt', 'kts']],
  [L('swift', 'slash', 'brace'), ['swift']],
  [L('scala', 'slash', 'brace'), ['scala', 'sc']],
  [L('dart', 'slash', 'brace'), ['dart']],
  [L('php', 'slash', 'brace'), ['php']],
  [L('json', 'slash', 'brace'), ['json', 'jsonc']],
  [L('css', 'css', 'brace'), ['css']],
  [L('scss', 'css', 'brace'), ['scss']],
  [L('less', 'css', 'brace'), ['less']],
  [L('shell', 'hash', 'other'), ['sh', 'bash', 'zsh']],
  [L('ruby', 'hash', 'other'), ['rb']],
  [L('perl', 'hash', 'other'), ['pl', 'pm']],
  [L('r', 'hash', 'other'), ['r']],
  [L('julia', 'hash', 'other'), ['jl']],
  [L('elixir', 'hash', 'other'), ['ex', 'exs']],
  [L('powershell', 'hash', 'other'), ['ps1']],
  [L('yaml', 'hash', 'indent'), ['yaml', 'yml']],
  [L('toml', 'hash', 'other'), ['toml']],
  [L('ini', 'hash', 'other'), ['ini', 'cfg', 'conf']],
  [L('dockerfile', 'hash', 'other'), ['dockerfile']],
  [L('makefile', 'hash', 'other'), ['mk', 'makefile']],
  [L('sql', 'dash', 'other'), ['sql']],
  [L('lua', 'dash', 'other'), ['lua']],
  [L('haskell', 'dash', 'other'), ['hs']],
  [L('lean4', 'dash', 'other'), ['lean']],
  [L('html', 'html', 'other'), ['html', 'htm']],
  [L('xml', 'html', 'other'), ['xml', 'svg']],
  [L('markdown', 'html', 'other'), ['md', 'markdown']],
  [L('svelte', 'html', 'other'), ['svelte']],
  [L('vue', 'html', 'other'), ['vue']],
  [L('latex', 'percent', 'other'), ['tex']],
  [L('erlang', 'percent', 'other'), ['erl']],
  [L('clojure', 'semicolon', 'other'), ['clj', 'cljs', 'edn']],
  [L('scheme', 'semicolon', 'other'), ['scm', 'lisp', 'el']],
];

const BY_ID = new Map<string, LanguageInfo>();
const BY_EXT = new Map<string, LanguageInfo>();
for (const [info, exts] of LANGUAGES) {
  BY_ID.set(info.id, info);
  for (const e of exts) BY_EXT.set(e, info);
}
// Other names editors use for the same languages.
const ALIASES: Record<string, string> = {
  py: 'python',
  ts: 'typescript',
  typescriptreact: 'typescript',
  js: 'javascript',
  javascriptreact: 'javascript',
  'c++': 'cpp',
  'c#': 'csharp',
  golang: 'go',
  sh: 'shell',
  bash: 'shell',
  shellscript: 'shell',
  md: 'markdown',
  yml: 'yaml',
};

const PLAIN: LanguageInfo = L('plaintext', 'hash', 'other');

/** Info for a language id (or a common alias); plain text when unknown. */
export function languageInfo(language: string): LanguageInfo {
  const id = language.toLowerCase();
  return BY_ID.get(ALIASES[id] ?? id) ?? PLAIN;
}

/** Language of a file from its name: extension, or a few well-known file names. */
export function languageFromPath(path: string): LanguageInfo {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'dockerfile' || name === 'makefile') return BY_EXT.get(name) ?? PLAIN;
  const dot = name.lastIndexOf('.');
  return dot < 0 ? PLAIN : (BY_EXT.get(name.slice(dot + 1)) ?? PLAIN);
}

/** One comment line holding `text` (no newline). */
export function commentLine(style: CommentStyle, text: string): string {
  switch (style) {
    case 'hash':
      return `# ${text}`;
    case 'slash':
      return `// ${text}`;
    case 'dash':
      return `-- ${text}`;
    case 'html':
      return `<!-- ${text} -->`;
    case 'css':
      return `/* ${text} */`;
    case 'percent':
      return `% ${text}`;
    case 'semicolon':
      return `; ${text}`;
  }
}
