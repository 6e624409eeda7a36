/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `false` hides the demo logins on the sign-in page (for a deployment without demo data). */
  readonly VITE_OUTLAY_DEMO_HINT?: string;
}
