/**
 * 账号管理 under 三员分立 (GB/T 22239-2019 8.1.4.2; issue 16 H2): the system administrator opens an
 * account (username and name only); the security administrator authorises it — role and data scope —
 * and is shown the system's one-time initial password once, to hand to the user; administrator roles
 * are proposed by the security administrator and approved by the audit administrator, who is then
 * shown the initial password. Which part a person sees follows the permissions the server sent.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_DEFINITIONS, isAdministrator, type Role } from '../../../core/access/roles';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useFormSubmit, useShowError } from '../components/useFormSubmit';
import { regionTree, useRegions } from '../components/useRegions';

interface Account {
  id: string; username: string; displayName: string; role: Role | null; roleLabel: string; regionCode: string | null; unitId: string | null; personId: string | null;
  status: 'pending' | 'active'; disabled: boolean; version: number; mustChangePassword: boolean;
  pendingGrant?: { id: string; role: string } | null;
}
interface Grant { id: string; userId: string; username: string; displayName: string; role: Role; reason: string; proposedBy: string; proposedAt: string }

const BUSINESS_ROLES = (Object.keys(ROLE_DEFINITIONS) as Role[]).filter((r) => !isAdministrator(r));
const ADMIN_ROLES = (Object.keys(ROLE_DEFINITIONS) as Role[]).filter(isAdministrator);

/** Shows a one-time password once, with what to do with it. */
function showInitialPassword(modal: ReturnType<typeof App.useApp>['modal'], username: string, password: string) {
  modal.info({
    title: `账号 ${username} 的一次性初始密码`, width: 520,
    content: (
      <Space direction="vertical">
        <Typography.Text code copyable data-testid="initial-password">{password}</Typography.Text>
        <Typography.Text type="secondary">只显示这一次，系统不保存明文。请当面或经可靠渠道交给本人；首次登录须改为只有本人知道的密码。</Typography.Text>
      </Space>
    ),
  });
}

function CreateAccount() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const opening = useFormSubmit(form);
  return (
    <Card title="开设账号" size="small">
      <Typography.Paragraph type="secondary">系统管理员只开设账号；角色、数据范围由安全管理员授权，初始密码由系统生成并交安全管理员。</Typography.Paragraph>
      {opening.error && <Alert type="error" showIcon title={opening.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Form form={form} layout="inline" onFinish={() => opening.run(async (v) => {
        await api('/api/users', { method: 'POST', json: { username: v.username, displayName: v.displayName } });
        form.resetFields();
        message.success('已开设，待安全管理员授权');
        await qc.invalidateQueries({ queryKey: ['accounts'] });
      })}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, pattern: /^[a-z0-9_.-]{3,32}$/, message: '3–32 位小写字母、数字或 _ . -' }]}><Input data-testid="new-username" /></Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}><Input data-testid="new-display-name" /></Form.Item>
        <Button type="primary" htmlType="submit">开设</Button>
      </Form>
    </Card>
  );
}

function AuthorizeDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data: regions = [] } = useRegions();
  const role = Form.useWatch('role', form) as Role | undefined;
  const scope = role ? ROLE_DEFINITIONS[role].scope : null;
  const granting = useFormSubmit(form);
  if (!account) return null;
  return (
    <Modal open title={`授权：${account.displayName}（${account.username}）`} okText="授权" cancelText="取消" onCancel={onClose} destroyOnHidden
      confirmLoading={granting.busy} onOk={() => granting.run(async (v) => {
        {
          const r = await api<{ initialPassword: string | null }>(`/api/users/${account.id}/authorization`, { method: 'POST', json: { version: account.version, role: v.role, regionCode: v.regionCode ?? null, unitId: v.unitId?.trim() || null, personId: v.personId?.trim() || null } });
          onClose();
          await qc.invalidateQueries({ queryKey: ['accounts'] });
          if (r.initialPassword) showInitialPassword(modal, account.username, r.initialPassword);
          else message.success('已变更授权，该账号的会话已结束');
        }
      })}>
      <Form form={form} layout="vertical" initialValues={{ role: account.role ?? undefined, regionCode: account.regionCode ?? undefined }}>
        {granting.error && <Alert type="error" showIcon title={granting.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select data-testid="authorize-role" options={BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_DEFINITIONS[r].label }))} />
        </Form.Item>
        {scope === 'region' && (
          <Form.Item label="所属科技部门的行政区划" name="regionCode" rules={[{ required: true, message: '请选择区划' }]}>
            <TreeSelect data-testid="authorize-region" treeData={regionTree(regions, false)} treeDefaultExpandAll />
          </Form.Item>
        )}
        {scope === 'unit' && <Form.Item label="所属单位的记录编号" name="unitId" extra="单位在“信用主体”中的记录编号（由单位提交开户申请时提供）" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>}
        {scope === 'agency' && <Form.Item label="受托机构的记录编号" name="unitId" extra="科技服务机构在“信用主体”中的记录编号；该账号只能查看委托给该机构的项目及其监督检查案件（CI-32）" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>}
        {scope === 'self' && <Form.Item label="本人的记录编号" name="personId" extra="本人在“信用主体”中的记录编号（由所在单位提供）" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>}
      </Form>
    </Modal>
  );
}

function ProposeAdminDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const proposing = useFormSubmit(form);
  if (!account) return null;
  return (
    <Modal open title={`提请授予管理员角色：${account.displayName}`} okText="提交复核" cancelText="取消" onCancel={onClose} destroyOnHidden
      confirmLoading={proposing.busy} onOk={() => proposing.run(async (v) => {
        await api(`/api/users/${account.id}/admin-grants`, { method: 'POST', json: v });
        onClose();
        message.success('已提交，待审计管理员复核');
        await qc.invalidateQueries({ queryKey: ['accounts'] });
      })}>
      {proposing.error && <Alert type="error" showIcon title={proposing.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="系统、安全、审计管理员角色须经双人复核：由安全管理员提出，审计管理员同意后生效。" />
      <Form form={form} layout="vertical">
        <Form.Item label="管理员角色" name="role" rules={[{ required: true, message: '请选择' }]}><Select options={ADMIN_ROLES.map((r) => ({ value: r, label: ROLE_DEFINITIONS[r].label }))} /></Form.Item>
        <Form.Item label="理由" name="reason" rules={[{ required: true, min: 5, message: '请写明理由（至少 5 个字）' }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function AccountTable({ authorize }: { authorize: boolean }) {
  const [authorizing, setAuthorizing] = useState<Account | null>(null);
  const [proposing, setProposing] = useState<Account | null>(null);
  const { data } = useQuery({ queryKey: ['accounts', authorize], queryFn: () => api<{ items: Account[] }>(authorize ? '/api/security/accounts' : '/api/users') });
  return (
    <>
      <AuthorizeDialog account={authorizing} onClose={() => setAuthorizing(null)} />
      <ProposeAdminDialog account={proposing} onClose={() => setProposing(null)} />
      <Table<Account> rowKey="id" size="small" dataSource={data?.items} pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' }, { title: '姓名', dataIndex: 'displayName' }, { title: '角色', dataIndex: 'roleLabel' },
          { title: '区划', dataIndex: 'regionCode' },
          { title: '状态', render: (_, u) => (u.status === 'pending' ? <Tag color="orange">待授权</Tag> : u.disabled ? <Tag color="red">停用</Tag> : u.mustChangePassword ? <Tag color="blue">待首次登录改密</Tag> : <Tag color="green">启用</Tag>) },
          ...(authorize ? [{
            title: '操作', render: (_: unknown, u: Account) => (u.role && isAdministrator(u.role) ? null : u.pendingGrant ? <Tag>管理员角色待复核</Tag> : (
              <Space>
                <Button size="small" data-testid={`authorize-${u.username}`} onClick={() => setAuthorizing(u)}>授权</Button>
                {u.status === 'pending' && <Button size="small" onClick={() => setProposing(u)}>提请管理员角色</Button>}
              </Space>
            )),
          }] : []),
        ]} />
    </>
  );
}

function GrantReview() {
  const { message, modal } = App.useApp();
  const fail = useShowError('操作失败');
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['admin-grants'], queryFn: () => api<{ items: Grant[] }>('/api/admin-grants') });
  const decide = async (g: Grant, decision: 'approve' | 'reject') => {
    try {
      const r = await api<{ initialPassword: string | null }>(`/api/admin-grants/${g.id}/${decision}`, { method: 'POST', json: {} });
      await qc.invalidateQueries({ queryKey: ['admin-grants'] });
      if (r.initialPassword) showInitialPassword(modal, g.username, r.initialPassword);
      else message.success('已退回');
    } catch (e) { fail(e); }
  };
  return (
    <Card title="管理员角色复核（双人复核的第二人）">
      <Table<Grant> rowKey="id" size="small" dataSource={data?.items} pagination={false} locale={{ emptyText: '没有待复核的申请' }}
        columns={[
          { title: '账号', render: (_, g) => `${g.displayName}（${g.username}）` }, { title: '申请角色', render: (_, g) => ROLE_DEFINITIONS[g.role].label },
          { title: '理由', dataIndex: 'reason' }, { title: '提出人', dataIndex: 'proposedBy' },
          { title: '操作', render: (_, g) => <Space><Button size="small" type="primary" onClick={() => decide(g, 'approve')}>同意</Button><Button size="small" onClick={() => decide(g, 'reject')}>不同意</Button></Space> },
        ]} />
    </Card>
  );
}

export default function UsersPage() {
  const { me } = useAuth();
  const can = (p: string) => !!me?.permissions.includes(p);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('account.manage') && <CreateAccount />}
      {(can('account.manage') || can('account.authorize')) && <Card title={can('account.authorize') ? '账号授权' : '账号'}><AccountTable authorize={can('account.authorize')} /></Card>}
      {can('account.approve') && <GrantReview />}
    </Space>
  );
}
