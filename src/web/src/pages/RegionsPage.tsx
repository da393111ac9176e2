import { useState } from 'react';
import { Card, Col, Descriptions, List, Row, Tag, Tree, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { regionTree, useRegions } from '../components/useRegions';

const LEVEL: Record<string, string> = { province: '省级', prefecture: '州（市）级', county: '县（市、区）级' };
const SECTION: Record<string, string> = { business: '业务科室', integrity: '科研诚信管理科室', leadership: '集体审议机构' };

export default function RegionsPage() {
  const { data: regions = [] } = useRegions();
  const [code, setCode] = useState<string>('532300');
  const detail = useQuery({
    queryKey: ['region', code],
    queryFn: () => api<{ code: string; name: string; level: string; path: string; standardCode: boolean; bureau: string; leadershipBody: string; sections: Array<{ id: string; kind: string; name: string }> }>(`/api/regions/${code}`),
  });
  const d = detail.data;
  return (
    <Row gutter={16}>
      <Col span={9}>
        <Card title="行政区划">
          <Tree treeData={regionTree(regions, false)} defaultExpandedKeys={['530000', '532300']} selectedKeys={[code]} onSelect={(k) => k[0] && setCode(String(k[0]))} />
        </Card>
      </Col>
      <Col span={15}>
        <Card title={d?.name ?? '区划详情'}>
          {d && (
            <>
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label="区划代码">{d.code} {!d.standardCode && <Tag color="orange">非 GB/T 2260 代码</Tag>}</Descriptions.Item>
                <Descriptions.Item label="层级">{LEVEL[d.level]}</Descriptions.Item>
                <Descriptions.Item label="隶属">{d.path}</Descriptions.Item>
                <Descriptions.Item label="科技部门">{d.bureau}</Descriptions.Item>
                <Descriptions.Item label="集体审议">{d.leadershipBody}</Descriptions.Item>
              </Descriptions>
              <Typography.Title level={5} style={{ marginTop: 16 }}>内设科室</Typography.Title>
              <List size="small" dataSource={d.sections} renderItem={(s) => <List.Item>{s.name} <Tag>{SECTION[s.kind]}</Tag></List.Item>} />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
