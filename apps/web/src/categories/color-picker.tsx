/**
 * A category's colour: a row of swatches (radio buttons, so arrow keys move between them) and a
 * custom colour from the browser's own picker. The palette is the demo data's (Tableau-10
 * derived: told apart with the common colour-vision deficiencies, legible on light and dark).
 */
import { useId } from 'react';

export const PALETTE = [
  { color: '#4e79a7', name: 'Blue' },
  { color: '#76b7b2', name: 'Teal' },
  { color: '#59a14f', name: 'Green' },
  { color: '#edc948', name: 'Yellow' },
  { color: '#f28e2b', name: 'Orange' },
  { color: '#e15759', name: 'Red' },
  { color: '#ff9da7', name: 'Pink' },
  { color: '#b07aa1', name: 'Purple' },
  { color: '#9c755f', name: 'Brown' },
  { color: '#8a94a6', name: 'Grey' },
] as const;

export function ColorPicker({
  value,
  onChange,
  legend = 'Colour',
}: {
  value: string;
  onChange: (color: string) => void;
  legend?: string;
}) {
  const name = useId();
  const lower = value.toLowerCase();
  const custom = !PALETTE.some((p) => p.color === lower);
  return (
    <fieldset className="color-picker">
      <legend className="field-label">{legend}</legend>
      <div className="color-choices">
        {PALETTE.map((choice) => (
          <label key={choice.color} className="color-choice" title={choice.name}>
            <input
              type="radio"
              name={name}
              value={choice.color}
              checked={lower === choice.color}
              onChange={() => onChange(choice.color)}
            />
            <span className="color-dot" style={{ background: choice.color }} aria-hidden="true" />
            <span className="visually-hidden">{choice.name}</span>
          </label>
        ))}
        <label className={custom ? 'color-custom is-selected' : 'color-custom'}>
          <input type="color" value={lower} onChange={(event) => onChange(event.target.value)} />
          <span>Custom{custom ? ` ${lower}` : ''}</span>
        </label>
      </div>
    </fieldset>
  );
}
