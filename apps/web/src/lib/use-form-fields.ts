/**
 * A form's text fields: their values, the error under each, and the focus on the first field in
 * error (in the order the fields were given), so that a refused submit leads to what needs fixing.
 * `bind(name)` is what a TextField, PasswordField or CodeField takes for that field.
 */
import { useRef, useState } from 'react';

export type FieldErrors<Name extends string> = Partial<Record<Name, string>>;

export function useFormFields<Name extends string>(initial: Record<Name, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<Name>>({});
  const nodes = useRef<Partial<Record<Name, HTMLInputElement | null>>>({});
  const names = Object.keys(initial) as Name[];

  const focus = (name: Name, { select = false } = {}) => {
    const node = nodes.current[name];
    if (select) node?.select();
    else node?.focus();
  };

  return {
    values,
    errors,
    focus,
    /**
     * Shows these errors and clears the rest; the first field in error takes the focus (its text
     * selected with `select`, for a value the server refused).
     */
    showErrors: (next: FieldErrors<Name>, options: { select?: boolean } = {}) => {
      setErrors(next);
      const first = names.find((name) => next[name]);
      if (first) focus(first, options);
    },
    /** Back to the first values (after a successful submit). */
    reset: () => setValues(initial),
    /** What a TextField, PasswordField or CodeField takes for the field `name`. */
    bind: (name: Name) => ({
      ref: (node: HTMLInputElement | null) => {
        nodes.current[name] = node;
      },
      value: values[name],
      onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
      error: errors[name],
    }),
  };
}
