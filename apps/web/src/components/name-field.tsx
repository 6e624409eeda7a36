/**
 * The name of an account or a category: required, as long as the contract's `Name` allows, no
 * browser autofill (it would offer names typed on other sites).
 */
import { Name } from '@outlay/contracts';
import { TextField, type TextFieldProps } from './text-field.tsx';

export function NameField(
  props: Omit<TextFieldProps, 'label' | 'maxLength' | 'autoComplete' | 'required'>,
) {
  return (
    <TextField
      label="Name"
      maxLength={Name.maxLength ?? undefined}
      autoComplete="off"
      required
      {...props}
    />
  );
}
