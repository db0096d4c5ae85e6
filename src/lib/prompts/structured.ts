// A coding request as fields (role, task, constraints, context files, code), composed into the
// user turn. With only task and code it is exactly the action's prompt: the fields add to what
// the authors' templates say, never replace it.
import { buildActionRequest, type ActionContext, type CodeAction } from './actions.ts';
import { fenceFor } from '../chat/codeblocks.ts';
import { languageOf, type ProjectFile } from '../project/files.ts';

export interface StructuredFields {
  /** Who the model should be ("a senior Python reviewer"); empty: not said. */
  role: string;
  task: string;
  /** One per line. */
  constraints: string;
  /** Project files sent along as documentation (business rules, types, APIs). */
  context: string[];
}

export interface CodePart {
  path: string;
  language: string;
  code: string;
}

const CODE_SPLIT = '\n\n{{fence}}';

/** The action's instruction as the task; the code it acts on apart. */
export function fieldsForAction(action: CodeAction, ctx: ActionContext): { fields: StructuredFields; code: CodePart } {
  const at = action.template.lastIndexOf(CODE_SPLIT);
  const instruction = at >= 0 ? action.template.slice(0, at) : action.template;
  // The action's own filling, language gap and all, on the instruction without the code.
  const task = buildActionRequest(instruction, ctx);
  return { fields: { role: '', task, constraints: '', context: [] }, code: { path: ctx.path, language: ctx.language, code: ctx.code } };
}

function block(language: string, code: string): string {
  const fence = fenceFor(code);
  const lang = language === 'plaintext' ? '' : language;
  return `${fence}${lang}\n${code.replace(/\r?\n$/, '')}\n${fence}`;
}

/** The user turn the fields make. */
export function composeMessage(f: StructuredFields, code: CodePart | null, files: readonly ProjectFile[]): string {
  const parts: string[] = [];
  const role = f.role.trim();
  if (role) parts.push(`You are ${role.replace(/\.$/, '')}.`);
  parts.push(f.task.trim());
  const constraints = f.constraints
    .split('\n')
    .map((c) => c.trim().replace(/^[-*]\s*/, ''))
    .filter(Boolean);
  if (constraints.length) parts.push(`Constraints:\n${constraints.map((c) => `- ${c}`).join('\n')}`);
  const context = f.context.map((p) => files.find((x) => x.path === p)).filter((x): x is ProjectFile => x !== undefined);
  if (context.length) {
    const docs = context.map((x) => `\`${x.path}\`:\n${block(languageOf(x.path), x.text)}`).join('\n\n');
    parts.push(`Context from the project (follow its rules and use its names):\n\n${docs}`);
  }
  if (code) parts.push(block(code.language, code.code));
  return parts.join('\n\n');
}
