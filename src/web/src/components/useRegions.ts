import { useQuery } from '@tanstack/react-query';
import { api, type Region } from '../api';

export function useRegions() {
  return useQuery({ queryKey: ['regions'], queryFn: () => api<{ items: Region[] }>('/api/regions').then((r) => r.items), staleTime: Infinity });
}

export interface RegionNode { value: string; title: string; key: string; children: RegionNode[] }

/** A tree of regions; with `onlyMine`, just the caller's own region and those below it. */
export function regionTree(regions: Region[], onlyMine: boolean): RegionNode[] {
  const list = onlyMine ? regions.filter((r) => r.inMyScope) : regions;
  const codes = new Set(list.map((r) => r.code));
  const node = (r: Region): RegionNode => ({
    value: r.code, key: r.code, title: r.name,
    children: list.filter((c) => c.parentCode === r.code).map(node),
  });
  return list.filter((r) => !r.parentCode || !codes.has(r.parentCode)).map(node);
}
