// Special tokens per prompt family, as the models' own tokenizers define them.
// The DeepSeek markers are spelled with the fullwidth bar U+FF5C and U+2581 ("▁"),
// not ASCII "|" and "_": a look-alike string tokenizes as plain text.
import type { Family } from '../sets.ts';

export interface SpecialToken {
  readonly text: string;
  readonly id: number;
}

export interface FimTokens {
  readonly begin: SpecialToken;
  readonly hole: SpecialToken;
  readonly end: SpecialToken;
}

export interface FamilyTokens {
  readonly bos: SpecialToken;
  readonly eos: SpecialToken;
  /** End of turn of the instruct models (DeepSeek-Coder instruct ends replies with it). */
  readonly eot?: SpecialToken;
  /** Present only where the model was trained on fill-in-the-middle. */
  readonly fim?: FimTokens;
}

export const BOS_TEXT = '<｜begin▁of▁sentence｜>';
export const EOS_TEXT = '<｜end▁of▁sentence｜>';
export const EOT_TEXT = '<|EOT|>';
export const FIM_BEGIN_TEXT = '<｜fim▁begin｜>';
export const FIM_HOLE_TEXT = '<｜fim▁hole｜>';
export const FIM_END_TEXT = '<｜fim▁end｜>';

export const FAMILY_TOKENS: Readonly<Record<Family, FamilyTokens>> = {
  // scripts/fixtures/tokenizers/deepseek-coder (checked in families.test.ts).
  'deepseek-coder': {
    bos: { text: BOS_TEXT, id: 32013 },
    eos: { text: EOS_TEXT, id: 32014 },
    eot: { text: EOT_TEXT, id: 32021 },
    fim: {
      begin: { text: FIM_BEGIN_TEXT, id: 32016 },
      hole: { text: FIM_HOLE_TEXT, id: 32015 },
      end: { text: FIM_END_TEXT, id: 32017 },
    },
  },
  // DeepSeek-Math shares DeepSeek-LLM's 100k vocabulary (fixtures/tokenizers/deepseek-llm).
  'deepseek-math': {
    bos: { text: BOS_TEXT, id: 100000 },
    eos: { text: EOS_TEXT, id: 100001 },
  },
  // Qwen2.5 vocabulary with DeepSeek's names; ids from the model's config, no fixture here.
  'r1-distill-qwen': {
    bos: { text: BOS_TEXT, id: 151646 },
    eos: { text: EOS_TEXT, id: 151643 },
  },
};

export function familyTokens(family: Family): FamilyTokens {
  return FAMILY_TOKENS[family];
}

/** Only DeepSeek-Coder was trained with the FIM markers. */
export function supportsFim(family: Family): boolean {
  return FAMILY_TOKENS[family].fim !== undefined;
}

/** Ids that end a completion: EOS, EOT and every FIM marker the family has. */
export function completionStopIds(family: Family): number[] {
  const t = FAMILY_TOKENS[family];
  const ids = [t.eos.id];
  if (t.eot) ids.push(t.eot.id);
  if (t.fim) ids.push(t.fim.begin.id, t.fim.hole.id, t.fim.end.id);
  return ids;
}

/** The same markers as text, for output decoded without their ids. */
export function completionStopStrings(family: Family): string[] {
  const t = FAMILY_TOKENS[family];
  const out = [t.eos.text];
  if (t.eot) out.push(t.eot.text);
  if (t.fim) out.push(t.fim.begin.text, t.fim.hole.text, t.fim.end.text);
  return out;
}

/** Every marker text known to any family, for cleaning output whatever its source. */
export const ALL_STOP_TEXTS: readonly string[] = [
  FIM_BEGIN_TEXT,
  FIM_HOLE_TEXT,
  FIM_END_TEXT,
  EOS_TEXT,
  EOT_TEXT,
  BOS_TEXT,
];
