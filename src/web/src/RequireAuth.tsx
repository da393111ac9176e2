/** The gate in front of every staff page: a session, and nothing else before its account's restriction is met. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useAuth } from './auth';
import SecurityGate from './pages/SecurityGate';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const loc = useLocation();
  if (loading) return <Spin style={{ margin: 80 }} />;
  if (!me) return <Navigate to="/login" state={{ from: loc.pathname + loc.search }} replace />;
  // A session opened with a password alone puts its account right before anything else.
  if (me.restriction) return <SecurityGate restriction={me.restriction} />;
  return <>{children}</>;
}
