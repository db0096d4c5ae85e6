// The v1 wire format, validated with valibot. Links are untrusted input: every field has a type,
// a size cap and the same rules the app applies to its own input (paths, model ids, hosts).
import * as v from 'valibot';
import { deviceField, dtypeField, endpointField, familyField, fimShapeField, hostField, modelIdField } from '../models/choice-schema.ts';
import { pathProblem } from '../project/files.ts';
import { CHAT_MODES, CHAT_ROLES } from '../chat/modes.ts';
import { ACTION_IDS } from '../prompts/actions.ts';
import { issueText, says } from '../i18n/issues.ts';
import type { Text } from '../i18n/text.ts';

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
  v.string(says({ key: 'schema_path_text' })),
  v.maxLength(200, says({ key: 'schema_path_long' })),
  v.check((p) => p === p.trim() && pathProblem(p, []) === null, says({ key: 'schema_path_relative' })),
);

const finite = v.pipe(v.number(says({ key: 'schema_setting_number' })), v.finite(says({ key: 'schema_setting_finite' })));

export function wireSchema(l: Limits) {
  const file = v.tuple([path, v.pipe(v.string(says({ key: 'schema_file_text' })), v.maxLength(l.fileChars, says({ key: 'schema_file_large' })))], says({ key: 'schema_file_pair' }));
  return v.object({
    f: v.optional(
      v.pipe(
        v.array(file, says({ key: 'schema_files_list' })),
        v.minLength(1, says({ key: 'schema_files_min' })),
        v.maxLength(l.files, says({ key: 'schema_files_max', params: { count: l.files } })),
        v.check((fs) => new Set(fs.map(([p]) => p)).size === fs.length, says({ key: 'schema_files_unique' })),
      ),
    ),
    a: v.optional(path),
    k: v.optional(v.pipe(finite, v.integer(says({ key: 'schema_cursor' })), v.minValue(0, says({ key: 'schema_cursor' })), v.maxValue(l.fileChars, says({ key: 'schema_cursor' })))),
    m: v.optional(
      v.object({
        id: v.optional(modelIdField),
        host: v.optional(hostField),
        device: v.optional(deviceField),
        dtype: v.optional(dtypeField),
        family: v.optional(familyField),
        ep: v.optional(endpointField),
        fs: v.optional(fimShapeField),
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
        mode: v.optional(v.picklist(CHAT_MODES, says({ key: 'schema_chat_mode', params: { choices: CHAT_MODES.join(', ') } }))),
        system: v.optional(v.pipe(v.string(), v.maxLength(l.turnChars, says({ key: 'schema_system_long' })))),
        d: v.optional(v.pipe(v.string(), v.maxLength(l.turnChars, says({ key: 'schema_draft_long' })))),
        x: v.optional(v.picklist(ACTION_IDS, says({ key: 'schema_action', params: { choices: ACTION_IDS.join(', ') } }))),
        turns: v.optional(
          v.pipe(
            v.array(
              v.object({
                r: v.picklist(CHAT_ROLES, says({ key: 'schema_turn_role' })),
                t: v.pipe(v.string(), v.maxLength(l.turnChars, says({ key: 'schema_turn_long' }))),
                m: v.optional(v.literal(1)),
              }, says({ key: 'schema_turn_object' })),
              says({ key: 'schema_turns_list' }),
            ),
            v.maxLength(l.turns, says({ key: 'schema_turns_max', params: { count: l.turns } })),
          ),
        ),
      }),
    ),
    e: v.optional(v.literal(1)),
  }, says({ key: 'schema_object' }));
}

export type Wire = v.InferOutput<ReturnType<typeof wireSchema>>;

const linkSchema = wireSchema(LINK_LIMITS);
const storeSchema = wireSchema(STORE_LIMITS);

/** Validates parsed JSON; the message names the field and the rule it broke. */
export function validateWire(data: unknown, kind: 'link' | 'store' = 'link'): { ok: true; wire: Wire } | { ok: false; message: Text } {
  // valibot's object() takes arrays too.
  if (Array.isArray(data)) return { ok: false, message: { key: 'schema_object' } };
  const r = v.safeParse(kind === 'link' ? linkSchema : storeSchema, data);
  if (r.success) return { ok: true, wire: r.output };
  const issue = r.issues[0];
  const where = v.getDotPath(issue);
  const name: Text = where ? (FIELD_NAMES[where.split('.')[0]] ?? { key: 'wire_field_other' }) : { key: 'wire_field_link' };
  const field: Text = where?.includes('.') ? { key: 'wire_field_at', params: { field: name, path: where } } : name;
  return { ok: false, message: { key: 'wire_issue', params: { field, issue: issueText(issue.message) } } };
}

const FIELD_NAMES: Record<string, Text> = {
  f: { key: 'wire_field_files' },
  a: { key: 'wire_field_active' },
  k: { key: 'wire_field_cursor' },
  m: { key: 'wire_field_model' },
  s: { key: 'wire_field_settings' },
  c: { key: 'wire_field_chat' },
  e: { key: 'wire_field_embed' },
};
