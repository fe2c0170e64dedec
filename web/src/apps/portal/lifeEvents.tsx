import {
  AccountBookOutlined,
  BookOutlined,
  BuildOutlined,
  CarryOutOutlined,
  FlagOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  PoweroffOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { TOPICS, type TopicKey } from './catalog/labels';

export interface LifeEvent {
  key: TopicKey;
  name: string;
  audience: 'person' | 'enterprise';
  icon: ReactNode;
  color: string;
}

/** How each topic looks; keyed by the catalog's TOPICS so a new topic cannot be forgotten here. */
const LOOK: Record<TopicKey, { icon: ReactNode; color: string }> = {
  birth: { icon: <SmileOutlined />, color: '#eb2f96' },
  education: { icon: <BookOutlined />, color: '#722ed1' },
  employment: { icon: <RocketOutlined />, color: '#fa8c16' },
  'social-security': { icon: <SafetyCertificateOutlined />, color: '#1677ff' },
  medical: { icon: <MedicineBoxOutlined />, color: '#13c2c2' },
  elderly: { icon: <HeartOutlined />, color: '#f5222d' },
  disability: { icon: <TeamOutlined />, color: '#2f54eb' },
  housing: { icon: <HomeOutlined />, color: '#52c41a' },
  agriculture: { icon: <FlagOutlined />, color: '#389e0d' },
  marriage: { icon: <IdcardOutlined />, color: '#cf1322' },
  'after-death': { icon: <CarryOutOutlined />, color: '#595959' },
  'ent-start': { icon: <ShopOutlined />, color: '#d46b08' },
  'ent-operate': { icon: <AccountBookOutlined />, color: '#08979c' },
  'ent-build': { icon: <BuildOutlined />, color: '#7cb305' },
  'ent-close': { icon: <PoweroffOutlined />, color: '#8c8c8c' },
};

/** 按人生事件办事 (people) and 企业全生命周期 (enterprises): the catalog's topics with their look. */
export const LIFE_EVENTS: LifeEvent[] = TOPICS.map((t) => ({ key: t.key, name: t.name, audience: t.audience, ...LOOK[t.key] }));
export const PERSON_EVENTS = LIFE_EVENTS.filter((e) => e.audience === 'person');
export const ENTERPRISE_EVENTS = LIFE_EVENTS.filter((e) => e.audience === 'enterprise');

export const findLifeEvent = (key: string | undefined): LifeEvent | undefined => LIFE_EVENTS.find((e) => e.key === key);
