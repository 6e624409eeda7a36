/**
 * Text fields for contract strings, each as long as the contract allows and without the
 * browser's own autofill (it would offer what was typed on other sites; quick entry offers the
 * payees already used instead). A name is required; a transaction's payee, description and notes
 * are used by quick entry, the edit drawer and a row edited in place alike.
 */
import { Description, Name, Notes, Payee } from '@outlay/contracts';
import { TextField, type TextFieldProps } from './text-field.tsx';

type ContractTextFieldProps = Omit<
  TextFieldProps,
  'label' | 'maxLength' | 'autoComplete' | 'required'
>;

function contractTextField(label: string, schema: { maxLength: number | null }, required = false) {
  return function ContractTextField(props: ContractTextFieldProps) {
    return (
      <TextField
        label={label}
        maxLength={schema.maxLength ?? undefined}
        autoComplete="off"
        required={required}
        {...props}
      />
    );
  };
}

export const NameField = contractTextField('Name', Name, true);
export const PayeeField = contractTextField('Payee', Payee);
export const DescriptionField = contractTextField('Description', Description);
export const NotesField = contractTextField('Notes', Notes);
