import { useSearchParams } from 'react-router';

/** Filters and paging live in the URL, so a filtered list can be bookmarked and shared. */
export function useListParams() {
  const [sp, setSp] = useSearchParams();
  const get = (k: string) => sp.get(k) ?? undefined;
  const getAll = (k: string) => sp.getAll(k);
  const set = (patch: Record<string, string | string[] | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      next.delete(k);
      if (Array.isArray(v)) v.forEach((x) => next.append(k, x));
      else if (v !== undefined && v !== null && v !== '') next.set(k, v);
    }
    if (resetPage && !('page' in patch)) next.delete('page');
    setSp(next);
  };
  return { sp, get, getAll, set, page: Number(get('page') ?? 1), pageSize: Number(get('pageSize') ?? 20) };
}
