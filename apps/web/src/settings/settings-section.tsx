/** The frame every settings section shares: a panel, its heading, a line on what it is for. */
import type { ReactNode, Ref } from 'react';
import './settings.css';

export function SettingsSection({
  id,
  title,
  description,
  headingRef,
  aside,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  /** Focus lands here when the row that had it is removed. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Beside the heading: a status badge. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel settings-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="settings-section-header">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        {aside}
      </div>
      <p className="settings-section-description">{description}</p>
      {children}
    </section>
  );
}

/** What just worked, said politely; empty until then (the region must exist before it speaks). */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <p className="success-message" role="status">
      {children}
    </p>
  );
}
