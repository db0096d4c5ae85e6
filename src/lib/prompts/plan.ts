// "Plan, then write it step by step": a larger request becomes a numbered plan, then each step
// is asked for in turn, in the same conversation, so the model sees the plan and the code so far.

export interface PlanContext {
  /** Where the code goes. */
  path: string;
  /** Monaco language id ("plaintext" when unknown). */
  language: string;
}

/** Most steps a plan may have: a longer list is cut (and says so in the step list). */
export const MAX_STEPS = 8;

const lang = (c: PlanContext): string => (c.language === 'plaintext' ? '' : `${c.language} `);

export function planPrompt(request: string, c: PlanContext): string {
  return (
    `Plan how to write the following in \`${c.path}\`. Answer with a numbered list of at most ${MAX_STEPS} steps, ` +
    `one line each, each small enough to write as one piece of ${lang(c)}code. Do not write any code yet.\n\n` +
    `Request: ${request.trim()}`
  );
}

export function stepPrompt(index: number, steps: readonly string[], c: PlanContext): string {
  return (
    `Write only the code for step ${index + 1} of ${steps.length}, in a single ${lang(c)}code block, ` +
    `to go into \`${c.path}\` after the code of the earlier steps. No explanation.\n` +
    `Step ${index + 1}: ${steps[index]}`
  );
}

/** The steps of a numbered list ("1. …", "2) …", "Step 3: …"), in order, at most MAX_STEPS. */
export function parseSteps(answer: string): string[] {
  const steps: string[] = [];
  let inCode = false;
  for (const line of answer.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    if (inCode) continue;
    const m = /^\s*(?:step\s+)?(\d+)\s*[.):]\s+(.+?)\s*$/i.exec(line);
    if (m && Number(m[1]) === steps.length + 1) steps.push(m[2].replace(/\*\*/g, ''));
  }
  return steps.slice(0, MAX_STEPS);
}
