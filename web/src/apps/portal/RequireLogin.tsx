import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../shared/auth';
import { PageLoading } from '../../shared/feedback';

/** Portal pages that need a signed-in user send guests to the login page and back. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <PageLoading />;
  if (me === null) {
    // Signed out on purpose → the portal home; not signed in yet → login and come back here.
    return <Navigate to={signedOut ? '/portal' : `/login?redirect=${encodeURIComponent(location.pathname)}`} replace />;
  }
  return <>{children}</>;
}
