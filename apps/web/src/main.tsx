// The theme and the shared primitives. Each component imports its own styles, written with
// classes of its own, so they do not depend on the order the chunks' stylesheets arrive in.
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
