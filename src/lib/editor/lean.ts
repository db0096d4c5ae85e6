// Lean 4 for Monaco: colouring only (seekpad runs no Lean server). A small Monarch grammar, as
// projects without a Lean server usually write; keywords from Lean 4's core syntax.
import type * as Monaco from 'monaco-editor';

export const LEAN = 'lean4';

const KEYWORDS = [
  'theorem', 'lemma', 'def', 'example', 'abbrev', 'instance', 'structure', 'class', 'inductive', 'where', 'extends',
  'namespace', 'section', 'end', 'open', 'import', 'variable', 'universe', 'noncomputable', 'private', 'protected',
  'set_option', 'attribute', 'deriving', 'mutual', 'macro', 'syntax', 'notation', 'infix', 'infixl', 'infixr', 'prefix',
  'fun', 'λ', 'let', 'have', 'show', 'from', 'by', 'calc', 'match', 'with', 'if', 'then', 'else', 'do', 'return', 'at',
  'Type', 'Prop', 'Sort', 'sorry', 'admit',
];
const TACTICS = [
  'intro', 'intros', 'apply', 'exact', 'refine', 'rw', 'rewrite', 'simp', 'simp_all', 'norm_num', 'ring', 'ring_nf', 'linarith',
  'nlinarith', 'positivity', 'omega', 'decide', 'constructor', 'cases', 'rcases', 'obtain', 'induction', 'use', 'exists',
  'contradiction', 'exfalso', 'field_simp', 'aesop', 'tauto', 'unfold', 'specialize', 'rfl', 'trivial', 'assumption', 'nth_rewrite',
];

const language: Monaco.languages.IMonarchLanguage = {
  keywords: KEYWORDS,
  tactics: TACTICS,
  tokenizer: {
    root: [
      [/\/-/, 'comment', '@block'],
      [/--.*$/, 'comment'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/\b\d+(\.\d+)?\b/, 'number'],
      [/[a-zA-Z_λ][\w'.!?]*/, { cases: { '@keywords': 'keyword', '@tactics': 'type', '@default': 'identifier' } }],
      [/[:=<>→←↔∀∃¬∧∨≠≤≥∣∘×]+/, 'operator'],
    ],
    // Lean's block comments nest.
    block: [
      [/\/-/, 'comment', '@push'],
      [/-\//, 'comment', '@pop'],
      [/[^/-]+/, 'comment'],
      [/[/-]/, 'comment'],
    ],
  },
};

export function registerLean(monaco: typeof Monaco): void {
  monaco.languages.register({ id: LEAN, extensions: ['.lean'], aliases: ['Lean 4', 'lean'] });
  monaco.languages.setMonarchTokensProvider(LEAN, language);
  monaco.languages.setLanguageConfiguration(LEAN, {
    comments: { lineComment: '--', blockComment: ['/-', '-/'] },
    brackets: [['(', ')'], ['[', ']'], ['{', '}'], ['⟨', '⟩']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '{', close: '}' }, { open: '⟨', close: '⟩' }, { open: '"', close: '"' }],
  });
}
