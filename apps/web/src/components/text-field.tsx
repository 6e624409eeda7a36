/**
 * A labelled input with its error and hint in place: the one field every form uses. The error
 * comes first (it is what needs reading), both are tied to the input by `aria-describedby`, and
 * `aria-invalid` is set while there is an error. Whatever else an `<input>` takes passes through.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { FieldError } from './form-error.tsx';
import './forms.css';

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'prefix'
> {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  hint?: ReactNode;
  /** Marks the input invalid for an error shown elsewhere (a form-level message). */
  invalid?: boolean;
  /** Read out on an error: for errors that appear without a submit moving the focus. */
  announceError?: boolean;
  /** Inside the input's frame, before or after it: a currency sign, a Show button. */
  prefix?: ReactNode;
  suffix?: ReactNode;
  /** Extra classes of the field (`compact` in the filter bar) and of the input's frame. */
  fieldClassName?: string;
  affixClassName?: string;
  labelClassName?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  invalid,
  announceError = false,
  prefix,
  suffix,
  fieldClassName,
  affixClassName,
  labelClassName,
  ref,
  'aria-describedby': describedByExtra,
  ...input
}: TextFieldProps) {
  const errorId = useId();
  const hintId = useId();
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const describedBy = [hasError ? errorId : null, hint ? hintId : null, describedByExtra ?? null]
    .filter(Boolean)
    .join(' ');
  const field = (
    <input
      ref={ref}
      id={id}
      name={input.name ?? id}
      type="text"
      {...input}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={hasError || invalid ? true : undefined}
      aria-describedby={describedBy || undefined}
    />
  );
  return (
    <div className={fieldClassName ? `field ${fieldClassName}` : 'field'}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {prefix !== undefined || suffix !== undefined ? (
        <div className={affixClassName ? `input-affix ${affixClassName}` : 'input-affix'}>
          {prefix}
          {field}
          {suffix}
        </div>
      ) : (
        field
      )}
      {hasError && (
        <FieldError id={errorId} announce={announceError}>
          {error}
        </FieldError>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** An email address, as sign-in and registration ask for it: the email keyboard, named `email`. */
export function EmailField({
  label = 'Email',
  autoComplete = 'email',
  ...field
}: Omit<TextFieldProps, 'label' | 'type'> & { label?: ReactNode }) {
  return (
    <TextField
      label={label}
      name="email"
      type="email"
      inputMode="email"
      autoComplete={autoComplete}
      {...field}
    />
  );
}
