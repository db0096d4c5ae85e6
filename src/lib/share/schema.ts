// The v1 wire format, validated with valibot. Links are untrusted input: every field has a type,
// a size cap and the same rules the app applies to its own input (paths, model ids, hosts).
import * as v from 'valibot';
import { deviceField, dtypeField, familyField, hostField, modelIdField } from '../models/choice-schema.ts';
import { pathProblem } from '../project/files.ts';
import { CHAT_MODES, CHAT_ROLES } from '../chat/modes.ts';

export interface Limits {
  files: number;
  fileChars: number;
  turns: number;
  turnChars: number;
}

/** What a link may carry; the decoder's byte caps (codec.ts) bound the total as well. */
export const LINK_LIMITS: Limits = { files: 64, fileChars: 1_000_000, turns: 500, turnChars: 200_000 };
/** The autosave holds whatever the user made: generous caps, same rules. */
export const STORE_LIMITS: Limits = { files: 1000, fileChars: 20_000_000, turns: 10_000, turnChars: 2_000_000 };

const path = v.pipe(
  v.string('a file path must be text'),
  v.maxLength(200, 'a file path is too long'),
  v.check((p) => p === p.trim() && pathProblem(p, []) === null, 'a file path must be relative, like src/util.py, without ".." or odd characters'),
);

const finite = v.pipe(v.number('a setting must be a number'), v.finite('a setting must be a finite number'));

export function wireSchema(l: Limits) {
  const file = v.tuple([path, v.pipe(v.string('file text must be text'), v.maxLength(l.fileChars, 'a file is too large'))], 'a file must be [path, text]');
  return v.object({
    f: v.optional(
      v.pipe(
        v.array(file, 'files must be a list'),
        v.minLength(1, 'a link needs at least one file'),
        v.maxLength(l.files, `a link holds at most ${l.files} files`),
        v.check((fs) => new Set(fs.map(([p]) => p)).size === fs.length, 'two files have the same path'),
      ),
    ),
    a: v.optional(path),
    m: v.optional(
      v.object({
        id: v.optional(modelIdField),
        host: v.optional(hostField),
        device: v.optional(deviceField),
        dtype: v.optional(dtypeField),
        family: v.optional(familyField),
      }),
    ),
    s: v.optional(
      v.object({
        maxNewTokens: v.optional(finite),
        temperature: v.optional(finite),
        topK: v.optional(finite),
        topP: v.optional(finite),
        repetitionPenalty: v.optional(finite),
        seed: v.optional(finite),
      }),
    ),
    c: v.optional(
      v.object({
        mode: v.optional(v.picklist(CHAT_MODES, `the chat mode must be one of ${CHAT_MODES.join(', ')}`)),
        system: v.optional(v.pipe(v.string(), v.maxLength(l.turnChars, 'the system prompt is too long'))),
        turns: v.optional(
          v.pipe(
            v.array(
              v.object({
                r: v.picklist(CHAT_ROLES, 'a chat turn must be from the user or the assistant'),
                t: v.pipe(v.string(), v.maxLength(l.turnChars, 'a chat message is too long')),
                m: v.optional(v.literal(1)),
              }, 'a chat turn must be an object'),
              'chat turns must be a list',
            ),
            v.maxLength(l.turns, `a link holds at most ${l.turns} chat messages`),
          ),
        ),
      }),
    ),
    e: v.optional(v.literal(1)),
  }, 'the link must hold an object');
}

export type Wire = v.InferOutput<ReturnType<typeof wireSchema>>;

const linkSchema = wireSchema(LINK_LIMITS);
const storeSchema = wireSchema(STORE_LIMITS);

/** Validates parsed JSON; the message names the field and the rule it broke. */
export function validateWire(data: unknown, kind: 'link' | 'store' = 'link'): { ok: true; wire: Wire } | { ok: false; message: string } {
  // valibot's object() takes arrays too.
  if (Array.isArray(data)) return { ok: false, message: 'the link must hold an object' };
  const r = v.safeParse(kind === 'link' ? linkSchema : storeSchema, data);
  if (r.success) return { ok: true, wire: r.output };
  const issue = r.issues[0];
  const where = v.getDotPath(issue);
  const field = where ? `${FIELD_NAMES[where.split('.')[0]] ?? 'a field'}${where.includes('.') ? ` (${where})` : ''}` : 'the link';
  return { ok: false, message: `${field}: ${issue.message}` };
}

const FIELD_NAMES: Record<string, string> = { f: 'files', a: 'active file', m: 'model', s: 'settings', c: 'chat', e: 'embed' };
