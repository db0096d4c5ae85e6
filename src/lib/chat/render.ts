// Model output to HTML: Markdown by marked, math by KaTeX, then DOMPurify, so nothing a model
// writes can run script or load anything. Called on every streamed chunk: keep it cheap.
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';

function tex(source: string, display: boolean): string {
  return katex.renderToString(source, { displayMode: display, throwOnError: false, strict: 'ignore', trust: false, output: 'htmlAndMathml' });
}

type MathToken = Tokens.Generic & { text: string; display: boolean };

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.match(/\$\$|\\\[/)?.index,
  tokenizer(src) {
    const m = /^\$\$([\s\S]+?)\$\$|^\\\[([\s\S]+?)\\\]/.exec(src);
    if (!m) return undefined;
    return { type: 'blockMath', raw: m[0], text: (m[1] ?? m[2]).trim(), display: true } satisfies MathToken;
  },
  renderer: (t) => `<div class="math-block">${tex((t as MathToken).text, true)}</div>`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => src.match(/\$|\\\(/)?.index,
  tokenizer(src) {
    // $…$ must not start or end with a space (so "costs $5 and $6" stays text).
    const m = /^\$(?!\$)((?:\\.|[^\\$\n])+?)\$(?!\d)|^\\\(([\s\S]+?)\\\)/.exec(src);
    if (!m) return undefined;
    const body = m[1] ?? m[2];
    if (m[1] !== undefined && (/^\s/.test(body) || /\s$/.test(body))) return undefined;
    return { type: 'inlineMath', raw: m[0], text: body, display: false } satisfies MathToken;
  },
  renderer: (t) => tex((t as MathToken).text, false),
};

const marked = new Marked({ gfm: true, breaks: false, extensions: [blockMath, inlineMath] });

/** One TeX expression (a \boxed{} answer), display style, sanitised like the rest. */
export function renderTex(source: string): string {
  return DOMPurify.sanitize(tex(source, false), { USE_PROFILES: { html: true, mathMl: true } });
}

export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true },
    // Links open outside the app and carry nothing back.
    ADD_ATTR: ['target'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
  });
}
