import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Me } from './api';

interface AuthState { me: Me | null; loading: boolean; refresh: () => Promise<void>; logout: () => Promise<void> }
const AuthContext = createContext<AuthState>({ me: null, loading: true, refresh: async () => {}, logout: async () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { data, isLoading } = useQuery({
    queryKey: ['me'],
    queryFn: () => api<{ user: Me }>('/api/auth/me').then((r) => r.user).catch(() => null),
  });
  const value: AuthState = {
    me: data ?? null,
    loading: isLoading,
    refresh: async () => { await qc.invalidateQueries({ queryKey: ['me'] }); },
    logout: async () => {
      await api('/api/auth/logout', { method: 'POST', json: {} }).catch(() => {});
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
