import type { ReactNode } from 'react';
import { Logo } from './app-shell.tsx';
import './auth-layout.css';

/** The frame of the signed-out pages (sign-in, registration): the brand above a centred card. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="signin">
      <main className="signin-main" id="main">
        <div className="signin-brand">
          <Logo />
          <span>Outlay</span>
        </div>
        {children}
      </main>
    </div>
  );
}
