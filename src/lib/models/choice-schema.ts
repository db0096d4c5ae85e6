// A model choice's fields, validated alike wherever one arrives: the address's query (query.ts)
// and a share link or the autosave (share/schema.ts).
import * as v from 'valibot';
import { DEVICE_CHOICES, DTYPE_CHOICES, FAMILIES, FIM_SHAPES } from '../../contract/sets.ts';
import { issueText, says } from '../i18n/issues.ts';
import type { Text } from '../i18n/text.ts';

/** A Hub id (`owner/name`), a bare name as a mirror may use, or a server's (Ollama's `name:tag`). */
const HUB_ID = /^[\w.:-]+(\/[\w.:-]+)?$/;

function httpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const modelIdField = v.pipe(
  v.string(says({ key: 'schema_model_text' })),
  v.maxLength(200, says({ key: 'schema_model_long' })),
  v.regex(HUB_ID, says({ key: 'schema_model_format' })),
);
export const hostField = v.pipe(
  v.string(says({ key: 'schema_host_text' })),
  v.maxLength(2000, says({ key: 'schema_host_long' })),
  v.check(httpUrl, says({ key: 'schema_host_url' })),
);
export const deviceField = v.picklist(DEVICE_CHOICES, says({ key: 'schema_device', params: { choices: DEVICE_CHOICES.join(', ') } }));
export const dtypeField = v.picklist(DTYPE_CHOICES, says({ key: 'schema_dtype', params: { choices: DTYPE_CHOICES.join(', ') } }));
export const endpointField = v.pipe(
  v.string(says({ key: 'schema_endpoint_text' })),
  v.maxLength(2000, says({ key: 'schema_endpoint_long' })),
  v.check(httpUrl, says({ key: 'schema_endpoint_url' })),
);
export const fimShapeField = v.picklist(FIM_SHAPES, says({ key: 'schema_fim_shape', params: { choices: FIM_SHAPES.join(', ') } }));
export const familyField = v.picklist(FAMILIES, says({ key: 'schema_family', params: { choices: FAMILIES.join(', ') } }));

/** The field's value, or the rule it broke. */
export function checkField<T>(field: v.GenericSchema<unknown, T>, value: unknown): { ok: true; value: T } | { ok: false; message: Text } {
  const r = v.safeParse(field, value);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: issueText(r.issues[0].message) };
}
