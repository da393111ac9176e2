/**
 * The one list screen (issue 18): a card with its title, the actions and the Excel export the server
 * allows in its header, the filters (kept in the URL through `useListParams`), and the table with the
 * server's paging (page and size in the URL) — or, for a list the server sends whole, paged here.
 */
import type { ReactNode } from 'react';
import { Button, Card, Space, Table, type TableProps } from 'antd';
import type { useListParams } from './useListParams';

export interface ListPageProps<T> extends Omit<TableProps<T>, 'title' | 'dataSource' | 'loading' | 'pagination'> {
  title: ReactNode;
  /** The list's filters and paging in the URL. */
  lp: ReturnType<typeof useListParams>;
  /** The server's answer: a page of rows and the count of all. */
  data?: { items: readonly T[]; total?: number };
  loading?: boolean;
  /** server (default): the server pages, `total` counts all rows; client: the server sent every row. */
  paging?: 'server' | 'client';
  /** Buttons in the header before the export (create, check …). */
  actions?: ReactNode;
  /** Where the Excel export of the same filters is; falsy when the server does not allow it. */
  exportHref?: string | false | null;
  exportLabel?: string;
  exportTestId?: string;
  /** The filter controls, each reading and writing `lp`. */
  filters?: ReactNode;
  /** What stands between the filters and the table (an explanation, an error). */
  children?: ReactNode;
  /** How the pager names the count; `共 n 条` unless told. */
  showTotal?: (total: number) => string;
  /** The card's class (`print-area` prints the list alone). */
  className?: string;
}

export function ListPage<T extends object>({ title, lp, data, loading, paging = 'server', actions, exportHref, exportLabel = '导出 Excel', exportTestId, filters, children, showTotal = (n) => `共 ${n} 条`, className, ...table }: ListPageProps<T>) {
  return (
    <Card title={title} className={className} extra={(actions || exportHref) && <Space className="no-print">
      {actions}
      {exportHref && <Button href={exportHref} data-testid={exportTestId}>{exportLabel}</Button>}
    </Space>}>
      {filters && <Space wrap style={{ marginBottom: 12 }} className="no-print">{filters}</Space>}
      {children}
      <Table<T> {...table} loading={loading} dataSource={data?.items}
        pagination={paging === 'server'
          ? { current: lp.page, pageSize: lp.pageSize, total: data?.total, showTotal, onChange: (page, pageSize) => lp.set({ page: String(page), pageSize: String(pageSize) }, false) }
          : { pageSize: 20, showTotal }} />
    </Card>
  );
}

/** A list's filters without its paging: what its Excel export takes. */
export function withoutPaging<P extends { page?: unknown; pageSize?: unknown }>(params: P): Omit<P, 'page' | 'pageSize'> {
  const { page: _p, pageSize: _s, ...rest } = params;
  return rest;
}
