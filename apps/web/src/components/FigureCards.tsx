import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface Figure {
  key: string;
  title: string;
  value: number | undefined;
  /** Where a click on the figure leads (a filtered list). */
  to?: string;
  tone?: 'normal' | 'warning' | 'danger';
  icon?: ReactNode;
}

const TONE_COLORS = { normal: undefined, warning: '#d46b08', danger: '#cf1322' } as const;

/** A row of headline numbers; each links to the list it counts. */
export function FigureCards({ figures, loading }: { figures: Figure[]; loading: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => {
        const stat = (
          <Statistic
            title={f.title}
            value={f.value ?? 0}
            prefix={f.icon}
            loading={loading}
            styles={{ content: { color: f.value ? TONE_COLORS[f.tone ?? 'normal'] : undefined } }}
          />
        );
        return (
          <Col key={f.key} xs={12} sm={8} lg={6} xxl={4}>
            <Card size="small" hoverable={!!f.to} style={{ height: '100%' }}>
              {f.to ? (
                <Link to={f.to} style={{ color: 'inherit', display: 'block' }}>
                  {stat}
                </Link>
              ) : (
                stat
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
