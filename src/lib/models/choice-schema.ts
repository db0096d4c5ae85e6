// A model choice's fields, validated alike wherever one arrives: the address's query (query.ts)
// and a share link or the autosave (share/schema.ts).
import * as v from 'valibot';
import { DEVICE_CHOICES, DTYPE_CHOICES, FAMILIES } from '../../contract/sets.ts';

/** A Hub id (`owner/name`) or a bare name, as a mirror may use. */
const HUB_ID = /^[\w.-]+(\/[\w.-]+)?$/;

function httpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const modelIdField = v.pipe(
  v.string('the model id must be text'),
  v.maxLength(200, 'the model id is too long'),
  v.regex(HUB_ID, 'the model id must look like owner/name'),
);
export const hostField = v.pipe(
  v.string('the model host must be text'),
  v.maxLength(2000, 'the model host is too long'),
  v.check(httpUrl, 'the model host must be an http(s) URL'),
);
export const deviceField = v.picklist(DEVICE_CHOICES, `the device must be one of ${DEVICE_CHOICES.join(', ')}`);
export const dtypeField = v.picklist(DTYPE_CHOICES, `the dtype must be one of ${DTYPE_CHOICES.join(', ')}`);
export const familyField = v.picklist(FAMILIES, `the prompt format must be one of ${FAMILIES.join(', ')}`);

/** The field's value, or the rule it broke. */
export function checkField<T>(field: v.GenericSchema<unknown, T>, value: unknown): { ok: true; value: T } | { ok: false; message: string } {
  const r = v.safeParse(field, value);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: r.issues[0].message };
}
