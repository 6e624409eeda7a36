/**
 * Who a transaction was with, as long as the contract allows: quick entry, the edit drawer and a
 * row edited in place. The browser's own autofill is off (quick entry offers the payees already
 * used instead).
 */
import { Payee } from '@outlay/contracts';
import { TextField, type TextFieldProps } from '../components/text-field.tsx';

export function PayeeField(props: Omit<TextFieldProps, 'label' | 'maxLength' | 'autoComplete'>) {
  return (
    <TextField
      label="Payee"
      maxLength={Payee.maxLength ?? undefined}
      autoComplete="off"
      {...props}
    />
  );
}
