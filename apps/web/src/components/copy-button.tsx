/**
 * Copies a secret shown on screen (an API token, a two-factor key, recovery codes). Where the
 * Clipboard API is refused, it selects the text instead and says how to copy it by hand.
 */
import { useEffect, useState } from 'react';
import './copy-button.css';

export function CopyButton({
  text,
  targetId,
  label = 'Copy',
  className = 'button small',
}: {
  text: string;
  /** The element showing `text`, selected when the clipboard cannot be written. */
  targetId: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 4_000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const target = document.getElementById(targetId);
      const selection = window.getSelection();
      if (target && selection) {
        const range = document.createRange();
        range.selectNodeContents(target);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setState('selected');
    }
  }

  return (
    <span className="copy">
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied'
          ? 'Copied'
          : state === 'selected'
            ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy'
            : ''}
      </span>
    </span>
  );
}
