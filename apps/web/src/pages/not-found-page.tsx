import { useEffect } from 'react';
import { Link } from 'wouter';

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · Outlay';
  }, []);
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the dashboard</Link>
      </p>
    </div>
  );
}
