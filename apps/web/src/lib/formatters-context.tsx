/** The signed-in user's formatters (home currency, browser locale), shared by every view. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { browserLocale, createFormatters, type Formatters } from './format.ts';

const FormattersContext = createContext<Formatters | null>(null);

export function FormattersProvider({
  currency,
  children,
}: {
  currency: string;
  children: ReactNode;
}) {
  const formatters = useMemo(() => createFormatters(browserLocale(), currency), [currency]);
  return <FormattersContext.Provider value={formatters}>{children}</FormattersContext.Provider>;
}

export function useFormatters(): Formatters {
  const formatters = useContext(FormattersContext);
  if (!formatters) throw new Error('useFormatters() needs a <FormattersProvider>');
  return formatters;
}
