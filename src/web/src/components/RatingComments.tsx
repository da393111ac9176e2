/** A rating's comment window (CI-15 reading): the subject comments before it takes effect; the integrity section answers. */
import { beijingDate } from '../time';
import { useState } from 'react';
import { App, Button, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Static } from '../../../core/api/common';
import type { GetRatingsByIdCommentsOut } from '../../../core/api/rating-comments';
import { api } from '../api';
import { errorText } from './useFormSubmit';

/** As the route's response schema declares it (issue 18: the web's types come from the schemas). */
type Comments = Static<typeof GetRatingsByIdCommentsOut>;

export function RatingComments({ ratingId }: { ratingId: string }) {
  const q = useQuery({ queryKey: ['rating-comments', ratingId], queryFn: () => api<Comments>(`/api/ratings/${ratingId}/comments`) });
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [grounds, setGrounds] = useState('');
  const nav = useNavigate();
  if (!q.data) return null;
  const c = q.data;
  const act = async (url: string, json: unknown) => {
    try { await api(url, { method: 'POST', json }); setText(''); await qc.invalidateQueries({ queryKey: ['rating-comments', ratingId] }); } catch (e) { message.error(errorText(e, '提交失败')); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
      <Typography.Text>
        {c.publishedAt ? <Tag color="green">已生效（{beijingDate(c.publishedAt)}）</Tag> : <Tag color="orange">未生效</Tag>}
        意见期至 {c.windowUntil}{c.windowOpen ? '（可提出意见）' : '（已届满）'}
        {c.reviewUntil && <>；生效后可申请复核至 {c.reviewUntil}</>}
      </Typography.Text>
      <List size="small" dataSource={c.items} locale={{ emptyText: '暂无意见' }} renderItem={(x) => (
        <List.Item>
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>意见：{x.comment}</span>
            {x.answer ? <span>答复：{x.answer}</span> : c.mayAnswer && <Space.Compact style={{ width: '100%' }}>
              <Input placeholder="答复" value={answers[x.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [x.id]: e.target.value })} />
              <Button onClick={() => act(`/api/rating-comments/${x.id}/answer`, { answer: answers[x.id] ?? '' })}>答复</Button>
            </Space.Compact>}
          </Space>
        </List.Item>
      )} />
      {c.mayRequestReview && <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="申请复核的事实和理由（至少 10 个字）" value={grounds} onChange={(e) => setGrounds(e.target.value)} data-testid="review-grounds" />
        <Button onClick={async () => {
          try { const r = await api<{ id: string }>('/api/cases', { method: 'POST', json: { procedure: 'rating_review', start: 'apply', input: { ratingId, grounds } } }); nav(`/cases/${r.id}`); } catch (e) { message.error(errorText(e, '提交失败')); }
        }}>申请复核（CI-15）</Button>
      </Space.Compact>}
      {c.mayComment && <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="对评价结果的意见（至少 5 个字）" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="primary" onClick={() => act(`/api/ratings/${ratingId}/comments`, { comment: text })}>提出意见</Button>
      </Space.Compact>}
    </Space>
  );
}
