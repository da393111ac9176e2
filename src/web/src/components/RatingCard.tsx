import { Descriptions, List, Tag, Typography } from 'antd';

export interface RatingResultView {
  level: string | null; clauses: string[]; warnings: string[]; determinationRequired: boolean; determinationReason: string | null;
  whatWouldChange: string[]; explanation: string; ignoredAsExempted: string[];
  fired: Array<{ clause: string; level: string; summary: string; facts: string[]; arithmetic?: string }>;
  policy: { docNo: string; versionId: string; inForce: boolean; referenceDate: string };
  parameters: Array<{ name: string; value: unknown; basis: string }>;
}

export const LEVEL_COLOR: Record<string, string> = { AA: 'green', A: 'blue', B: 'orange', C: 'red' };

export function LevelTag({ level, pending }: { level: string | null; pending?: boolean }) {
  if (level) return <Tag color={LEVEL_COLOR[level]}>{level} 级</Tag>;
  return pending ? <Tag color="purple">待认定</Tag> : <Tag>不予评级</Tag>;
}

/** A rating and why: the clauses that fired with their facts and arithmetic, the version, warnings. */
export function RatingExplanation({ r }: { r: RatingResultView }) {
  return (
    <div>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="等级"><LevelTag level={r.level} pending={r.determinationRequired} /></Descriptions.Item>
        <Descriptions.Item label="适用版本">{r.policy.docNo}（{r.policy.versionId}，参考日期 {r.policy.referenceDate}）{!r.policy.inForce && <Tag color="red">不在有效期</Tag>}</Descriptions.Item>
      </Descriptions>
      <List size="small" header="依据的条款与事实" dataSource={r.fired}
        renderItem={(f) => <List.Item><div><Tag>{f.clause}</Tag><b>{f.summary}</b><div>{f.facts.join('；')}</div>{f.arithmetic && <Typography.Text type="secondary">计算：{f.arithmetic}</Typography.Text>}</div></List.Item>} />
      {r.determinationReason && <Typography.Paragraph type="warning">须承办人员认定：{r.determinationReason}</Typography.Paragraph>}
      {r.ignoredAsExempted.length > 0 && <Typography.Paragraph type="secondary">不计入（X-1）：{r.ignoredAsExempted.join('；')}</Typography.Paragraph>}
      {r.whatWouldChange.length > 0 && <List size="small" header="什么会改变等级" dataSource={r.whatWouldChange} renderItem={(w) => <List.Item>{w}</List.Item>} />}
      {r.warnings.map((w) => <Typography.Paragraph key={w} type="danger">{w}</Typography.Paragraph>)}
    </div>
  );
}
