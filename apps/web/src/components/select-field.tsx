/**
 * A labelled `<select>` with its error and hint in place: TextField's sibling for a choice from a
 * short list (a category's kind, an account's kind, a group).
 */
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldError } from './form-error.tsx';
import './forms.css';

/**
 * The choices of a select (or a segmented choice) from the labels of its values, in the labels'
 * order: one list of words per set of values, kept beside the values' type.
 */
export function optionsOf<Value extends string>(
  labels: Record<Value, string>,
): { value: Value; label: string }[] {
  return (Object.entries(labels) as [Value, string][]).map(([value, label]) => ({ value, label }));
}

export interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'value' | 'onChange'
> {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: ReactNode;
  hint?: ReactNode;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  error,
  hint,
  ...select
}: SelectFieldProps) {
  const errorId = useId();
  const hintId = useId();
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const describedBy = [hasError ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={select.name ?? id}
        {...select}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hasError && <FieldError id={errorId}>{error}</FieldError>}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * A SelectField over a fixed set of values, offered by their labels (in the labels' order). The
 * value it hands back is one of them: the one cast from the select's string is here, where the
 * options are known to be exactly the labels' keys.
 */
export function ChoiceField<Value extends string>({
  labels,
  value,
  onChange,
  ...field
}: Omit<SelectFieldProps, 'value' | 'onChange' | 'options'> & {
  labels: Record<Value, string>;
  value: Value;
  onChange: (value: Value) => void;
}) {
  return (
    <SelectField
      {...field}
      value={value}
      onChange={(next) => onChange(next as Value)}
      options={optionsOf(labels)}
    />
  );
}
