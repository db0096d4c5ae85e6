// Ghost text is a base-model ability (DeepSeek-Coder trained FIM into its base models; the
// instruct models are tuned for chat). Which model is FIM-trained, and which one to offer for
// completions when the loaded one is not.
import { CATALOG, findEntry, familyOfChoice, type ModelChoice } from './catalog.ts';
import { verbatim, type Text } from '../i18n/text.ts';

const CHAT_TUNED = /(instruct|chat)/i;

export function isFimTrained(choice: ModelChoice): boolean {
  if (familyOfChoice(choice) !== 'deepseek-coder') return false;
  const entry = findEntry(choice.model);
  return entry ? entry.uses.includes('completion') : !CHAT_TUNED.test(choice.model);
}

export interface FimPartner {
  choice: ModelChoice;
  label: Text;
}

/**
 * The base model beside a chat-tuned coder: the catalog's named partner, or for any other id on
 * the same host, the id with "instruct" read as "base" (the Hub's and mirrors' naming).
 */
export function fimPartner(choice: ModelChoice): FimPartner | null {
  if (familyOfChoice(choice) !== 'deepseek-coder' || isFimTrained(choice)) return null;
  const entry = findEntry(choice.model);
  const same = { device: choice.device ?? 'auto', dtype: 'auto' as const, ...(choice.host ? { host: choice.host } : {}) };
  if (entry) {
    const partner = entry.completionModel ? CATALOG.find((e) => e.key === entry.completionModel) : undefined;
    return partner ? { choice: { model: partner.key, ...same }, label: partner.label } : null;
  }
  if (!/instruct/i.test(choice.model)) return null;
  const id = choice.model.replace(/instruct/i, (m) => (m === m.toUpperCase() ? 'BASE' : m[0] === 'I' ? 'Base' : 'base'));
  return { choice: { model: id, family: 'deepseek-coder', ...same }, label: verbatim(id) };
}
