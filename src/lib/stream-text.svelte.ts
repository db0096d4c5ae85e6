// The Svelte side of StreamedText: `<pre {@attach streamedText(() => text, 'pre-wrap')}>`.
import type { Attachment } from 'svelte/attachments';
import './stream-text.css';
import { StreamedText, type WhiteSpace } from './stream-text.ts';

/** Shows the text in the element as it changes; one StreamedText for the element's life. */
export function streamedText(text: () => string, whiteSpace: WhiteSpace): Attachment<HTMLElement> {
  return (el) => {
    const view = new StreamedText(el, whiteSpace);
    // Nested, so a new text updates the view instead of re-running the attachment.
    $effect(() => view.show(text()));
  };
}
