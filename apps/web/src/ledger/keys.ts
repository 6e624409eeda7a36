/**
 * Whether a key press belongs to a field being typed in: app shortcuts (`n`, Ctrl/Cmd+Z) leave
 * those alone, so typing "n" in a payee or undoing a typo in a field does what the person meant.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}
