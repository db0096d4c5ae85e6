// Coding actions (Explain, Fix, …) as plain, visible templates: the UI shows and lets the
// user edit the text before it becomes the user turn of an instruct chat. Placeholders:
//   {{code}}      the selected code or the whole file
//   {{language}}  the Monaco language id ("python", "typescript"), also the fence's info string
//   {{path}}      the file's path ("untitled" when it has none)
//   {{fence}}     a backtick fence longer than any backtick run in the code, so code that
//                 itself holds ``` (Markdown, docs) cannot close the block early
import { parseCodeBlocks, fenceFor } from '../chat/codeblocks.ts';
import { canonicalLanguage } from '../chat/languages.ts';
import type { Text } from '../i18n/text.ts';

export const ACTION_IDS = ['explain', 'fix', 'optimise', 'tests', 'docs', 'review', 'prove'] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface CodeAction {
  id: ActionId;
  label: Text;
  template: string;
  /**
   * The answer is the whole code again, in one fenced block, to diff against the
   * original and apply (see codeToApply). Tests are code too, but a new file.
   */
  appliesCode: boolean;
  /** A model's own prompt (Prover-V2's): sent as written, never split into the structured fields. */
  verbatim?: true;
}

const CODE_BLOCK = '{{fence}}{{language}}\n{{code}}\n{{fence}}';
const WHOLE =
  'in a single {{language}} code block, with every line included (no "..." and no omitted parts), ' +
  'so it can replace the original';

export const CODE_ACTIONS: readonly CodeAction[] = [
  {
    id: 'explain',
    label: { key: 'action_explain' },
    template:
      'Explain what the following {{language}} code from `{{path}}` does. Start with a short summary, ' +
      'then walk through the important parts and anything surprising.\n\n' +
      CODE_BLOCK,
    appliesCode: false,
  },
  {
    id: 'fix',
    label: { key: 'action_fix' },
    template:
      'Find and fix the bugs in the following {{language}} code from `{{path}}`. First list each bug ' +
      `in one line. Then give the complete corrected code ${WHOLE}.\n\n` +
      CODE_BLOCK,
    appliesCode: true,
  },
  {
    id: 'optimise',
    label: { key: 'action_optimise' },
    template:
      'Optimise the following {{language}} code from `{{path}}` for speed and memory without changing ' +
      `what it does. Briefly explain each change. Then give the complete optimised code ${WHOLE}.\n\n` +
      CODE_BLOCK,
    appliesCode: true,
  },
  {
    id: 'tests',
    label: { key: 'action_tests' },
    template:
      'Write unit tests for the following {{language}} code from `{{path}}`, with the usual test ' +
      'framework for the language. Cover normal cases, edge cases and errors. Put all the tests in a ' +
      'single {{language}} code block.\n\n' +
      CODE_BLOCK,
    appliesCode: false,
  },
  {
    id: 'docs',
    label: { key: 'action_docs' },
    template:
      'Add documentation comments to the following {{language}} code from `{{path}}`: one for each ' +
      "public function, class and module, in the language's usual doc-comment style. Do not change the " +
      `code itself. Give the complete documented code ${WHOLE}.\n\n` +
      CODE_BLOCK,
    appliesCode: true,
  },
  {
    id: 'review',
    label: { key: 'action_review' },
    template:
      'Review the following {{language}} code from `{{path}}` as an experienced reviewer. List bugs, ' +
      'unhandled edge cases, security issues, performance problems and unclear names, most important ' +
      'first, each with a short suggested fix. Do not rewrite the whole file.\n\n' +
      CODE_BLOCK,
    appliesCode: false,
  },
  {
    // DeepSeek-Prover-V2's own prompt (its model card), the file as the formal statement.
    id: 'prove',
    label: { key: 'action_prove' },
    template:
      'Complete the following Lean 4 code:\n\n' +
      '{{fence}}lean4\n{{code}}\n{{fence}}\n\n' +
      'Before producing the Lean 4 code to formally prove the given theorem, provide a detailed proof plan outlining the main proof steps and strategies.\n' +
      'The plan should highlight key ideas, intermediate lemmas, and proof structures that will guide the construction of the final formal proof.',
    appliesCode: true,
    verbatim: true,
  },
];

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/**
 * Replaces {{name}} with vars[name]. Unknown placeholders stay as written, so a typo in an
 * edited template shows up in the prompt instead of vanishing. One pass: a value that
 * contains "{{path}}" (code about templates) is not expanded again.
 */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name] : whole));
}

export interface ActionContext {
  code: string;
  /** Monaco language id; "" or "plaintext" when unknown. */
  language: string;
  path: string;
}

export function actionVars(ctx: ActionContext): Record<string, string> {
  return {
    // Strip the final newline: the template puts the closing fence on its own line.
    code: ctx.code.replace(/\r?\n$/, ''),
    language: ctx.language === 'plaintext' ? '' : ctx.language,
    path: ctx.path === '' ? 'untitled' : ctx.path,
    fence: fenceFor(ctx.code),
  };
}

/** The user turn for an action; pass an edited template to use the user's version. */
export function buildActionRequest(action: CodeAction | string, ctx: ActionContext): string {
  let template = typeof action === 'string' ? action : action.template;
  const vars = actionVars(ctx);
  if (vars.language === '') {
    // "the following  code" reads badly; close the gap before the code goes in, so the
    // code's own spacing is never touched.
    template = template.replace(/ ?\{\{\s*language\s*\}\}/g, (m) => (m.startsWith(' ') ? '' : m));
  }
  return fillTemplate(template, vars);
}

/**
 * The code to diff and apply from an answer to an appliesCode action: the longest closed
 * block in the file's language (or untagged), else the longest closed block. An unclosed
 * block (the answer was cut off) is never offered: applying half a file would lose code.
 */
export function codeToApply(answer: string, language = ''): string | null {
  const closed = parseCodeBlocks(answer).filter((b) => b.closed);
  const want = canonicalLanguage(language);
  const same = closed.filter((b) => b.lang === '' || canonicalLanguage(b.lang) === want);
  const pool = same.length > 0 ? same : closed;
  let best: string | null = null;
  for (const b of pool) if (best === null || b.code.length > best.length) best = b.code;
  return best;
}
