/**
 * 多页签 (issue 21): the pages opened in this browser session as tabs above the page, as in RuoYi or
 * Ant Design Pro — click to switch, × to close, the current one highlighted; kept in sessionStorage so
 * a reload keeps them, forgotten when the tab of the browser closes or the person signs out. 工作台
 * always stays first. Titles are Chinese: a section by its menu label, a case by its number.
 */
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { caseNumber } from '../../../core/documents/templates';

export interface PageTab { key: string; to: string; title: string }

const STORE = 'kexin.pageTabs';
/** Enough for a morning's work; the oldest closes first beyond it. */
const MAX_TABS = 12;
const HOME: PageTab = { key: '/', to: '/', title: '工作台' };

const DETAIL_TITLE: Record<string, (id: string) => string> = {
  '/cases': (id) => `案件 ${caseNumber(id)}`,
  '/projects': () => '项目详情',
  '/subjects': () => '主体详情',
};

/** The tab title of a path: the menu item it is under, or the record it shows. */
export function tabTitleOf(pathname: string, sections: ReadonlyArray<{ key: string; label: string }>): string {
  if (pathname === '/') return HOME.title;
  if (pathname === '/account') return '账号安全';
  const section = sections.find((s) => s.key !== '/' && (pathname === s.key || pathname.startsWith(`${s.key}/`)));
  if (!section) return '页面';
  if (pathname === section.key) return section.label;
  const id = pathname.slice(section.key.length + 1).split('/')[0];
  return DETAIL_TITLE[section.key]?.(id) ?? `${section.label}详情`;
}

function load(): PageTab[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORE) ?? '[]') as PageTab[];
    return Array.isArray(v) ? v.filter((t) => typeof t?.key === 'string' && typeof t.to === 'string' && typeof t.title === 'string') : [];
  } catch {
    return [];
  }
}

export const forgetPageTabs = () => sessionStorage.removeItem(STORE);

export function PageTabs({ sections }: { sections: ReadonlyArray<{ key: string; label: string }> }) {
  const loc = useLocation();
  const nav = useNavigate();
  const [tabs, setTabs] = useState<PageTab[]>(() => load());
  const current = loc.pathname;
  useEffect(() => {
    const title = tabTitleOf(current, sections);
    setTabs((old) => {
      const rest = old.filter((t) => t.key !== HOME.key);
      const at = rest.findIndex((t) => t.key === current);
      const here = { key: current, to: current + loc.search, title };
      const next = current === HOME.key ? rest : at >= 0 ? rest.map((t, i) => (i === at ? here : t)) : [...rest, here].slice(-(MAX_TABS - 1));
      const all = [HOME, ...next];
      sessionStorage.setItem(STORE, JSON.stringify(all));
      return all;
    });
  }, [current, loc.search, sections]);
  const close = (key: string) => {
    const i = tabs.findIndex((t) => t.key === key);
    const next = tabs.filter((t) => t.key !== key);
    setTabs(next);
    sessionStorage.setItem(STORE, JSON.stringify(next));
    if (key === current) nav((next[i] ?? next[i - 1] ?? HOME).to);
  };
  return (
    <div role="tablist" aria-label="已打开的页面" data-testid="page-tabs" style={{ display: 'flex', gap: 4, flexWrap: 'wrap', marginBottom: 8 }}>
      {tabs.map((t) => {
        const on = t.key === current;
        return (
          <span key={t.key} role="tab" aria-selected={on} data-testid="page-tab" tabIndex={0} aria-keyshortcuts={t.key !== HOME.key ? 'Delete' : undefined}
            onClick={() => { if (!on) nav(t.to); }}
            onKeyDown={(e) => { if (e.key === 'Enter' && !on) nav(t.to); if (e.key === 'Delete' && t.key !== HOME.key) close(t.key); }}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 6, padding: '2px 10px', cursor: 'pointer', borderRadius: 4, fontSize: 13,
              border: `1px solid ${on ? '#1677ff' : '#d9d9d9'}`, background: on ? '#1677ff' : '#fff', color: on ? '#fff' : 'rgba(0,0,0,0.88)' }}>
            {t.title}
            {t.key !== HOME.key && (
              // Hidden from assistive technology (the tab closes with Delete) so that its name never shadows the page's own buttons.
              <button type="button" aria-hidden tabIndex={-1} title={`关闭 ${t.title}`} data-testid="page-tab-close" onClick={(e) => { e.stopPropagation(); close(t.key); }}
                style={{ border: 'none', background: 'transparent', color: 'inherit', cursor: 'pointer', padding: 0, lineHeight: 1, fontSize: 14 }}>×</button>
            )}
          </span>
        );
      })}
    </div>
  );
}
