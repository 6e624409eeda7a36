/**
 * Text a person types into a filter, committed when they pause, press Enter or leave the field —
 * never on every keystroke, so a half-typed amount or date never reaches the URL or the server.
 * When the committed value changes from elsewhere (Back, Reset), the field shows it again, unless
 * what is typed already says the same ("12.5" for 12.50).
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface DebouncedCommitOptions {
  /** The committed value, as the field writes it. */
  value: string;
  /** Called with the typed text after a pause, on Enter and on blur, once per edit. */
  onCommit: (text: string) => void;
  delayMs: number;
  /** Whether the typed text already says `value`; by default, the same string. */
  same?: (text: string, value: string) => boolean;
}

export function useDebouncedCommit({ value, onCommit, delayMs, same }: DebouncedCommitOptions) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const edited = useRef(false);
  // A commit applies the latest callback (the filter as it is then, not at the keystroke).
  const latest = useRef({ onCommit, same });
  useLayoutEffect(() => {
    latest.current = { onCommit, same };
  });

  useEffect(() => {
    const equal = latest.current.same ?? ((a: string, b: string) => a === b);
    setText((current) => (equal(current, value) ? current : value));
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(next: string) {
    clearTimeout(timer.current);
    if (!edited.current) return;
    edited.current = false;
    latest.current.onCommit(next);
  }

  function change(next: string) {
    setText(next);
    edited.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(next), delayMs);
  }

  return {
    text,
    /** Shows `next` in the field without committing it (undoing a refused edit). */
    reset(next: string) {
      clearTimeout(timer.current);
      edited.current = false;
      setText(next);
    },
    /** Spread onto the input, with `onChange` given the text. */
    fieldProps: {
      value: text,
      onChange: change,
      onBlur: () => commit(text),
      onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') commit(text);
      },
    },
  };
}
