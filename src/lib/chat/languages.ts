// A code fence's info string as Monaco's language id ("py" -> "python"): for choosing the block to
// apply and for colouring it.
const ALIASES: Readonly<Record<string, string>> = {
  py: 'python',
  python3: 'python',
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  'c++': 'cpp',
  cc: 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  rb: 'ruby',
  yml: 'yaml',
  lean: 'lean4',
};

export function canonicalLanguage(lang: string): string {
  const l = lang.toLowerCase();
  return ALIASES[l] ?? l;
}
