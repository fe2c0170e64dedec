import { DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from './api';
import { fmtDateTime, fmtRelative, describeUserAgent } from './format';
import { useLoad, useShowError } from './hooks';
import type { SessionInfo } from './types';

/** The signed-in user's sessions, with 「下线」 for every session but the current one. */
export function SessionList() {
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, loading, error, reload } = useLoad((signal) => api.get<{ items: SessionInfo[] }>('/auth/sessions', undefined, { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);

  const revoke = async (id: string) => {
    setBusy(id);
    try {
      await api.delete(`/auth/sessions/${id}`);
      void message.success('该会话已下线');
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;

  return (
    <List<SessionInfo>
      loading={loading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: '暂无会话' }}
      renderItem={(s) => {
        const mobile = /Mobile|Android|iPhone/.test(s.userAgent ?? '');
        return (
          <List.Item
            key={s.id}
            actions={
              s.current
                ? [<Tag key="cur" color="green">当前会话</Tag>]
                : [
                    <Popconfirm
                      key="revoke"
                      title="下线该会话？"
                      description="该设备需要重新登录。"
                      okText="下线"
                      cancelText="取消"
                      onConfirm={() => revoke(s.id)}
                    >
                      <Button size="small" danger loading={busy === s.id}>
                        下线
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={mobile ? <MobileOutlined style={{ fontSize: 22 }} /> : <DesktopOutlined style={{ fontSize: 22 }} />}
              title={describeUserAgent(s.userAgent)}
              description={
                <Space orientation="vertical" size={0}>
                  <span>IP：{s.ip || '未知'}</span>
                  <span>登录时间：{fmtDateTime(s.createdAt)}</span>
                  <span>最近活动：{fmtRelative(s.lastSeenAt)}</span>
                </Space>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
