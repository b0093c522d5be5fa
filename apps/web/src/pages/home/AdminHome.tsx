import { ApartmentOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Dashboard } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { ExcelButtons } from '../../components/ExcelButtons';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { dashboardFigures } from './dashboardFigures';

function Shortcut({
  icon,
  title,
  text,
  to,
  children,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  to: string;
  children?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Card
      title={
        <span>
          {icon} {title}
        </span>
      }
      extra={
        <Button type="link" onClick={() => navigate(to)}>
          进入管理
        </Button>
      }
      style={{ height: '100%' }}
    >
      <p style={{ marginTop: 0, color: '#57606a' }}>{text}</p>
      {children && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{children}</div>}
    </Card>
  );
}

export default function AdminHome() {
  const me = useMe();
  const dashboard = useFetch<Dashboard>('/api/dashboard');
  return (
    <>
      <PageHeading title="系统管理首页" sub={`${me.agency.name} · 系统管理员`} />
      {dashboard.error && <Alert type="error" showIcon title={dashboard.error} style={{ marginBottom: 16 }} />}
      <FigureCards
        loading={dashboard.loading}
        figures={dashboardFigures(dashboard.data, [
          'agencies',
          'officers',
          'activeOfficers',
          'expiredCredentials',
          'expiringWithin90Days',
          'suspended',
          'reviewers',
        ])}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Shortcut
            icon={<ApartmentOutlined />}
            title="执法主体管理"
            text="登记执法主体及其科室，维护主体类别、执法领域、统一社会信用代码和联系方式。"
            to="/agencies"
          >
            <ExcelButtons base="/api/agencies" noun="执法主体" canImport onImported={dashboard.reload} />
          </Shortcut>
        </Col>
        <Col xs={24} lg={8}>
          <Shortcut
            icon={<IdcardOutlined />}
            title="执法人员管理"
            text="登记执法人员和执法证件，变更留有记录；证件到期、暂扣情况一目了然。"
            to="/officers"
          >
            <ExcelButtons base="/api/officers" noun="执法人员" canImport onImported={dashboard.reload} />
          </Shortcut>
        </Col>
        <Col xs={24} lg={8}>
          <Shortcut
            icon={<TeamOutlined />}
            title="用户管理"
            text="为执法人员、法制审核人员、负责人和监督人员开设账户；新账户首次登录须修改密码。"
            to="/users"
          />
        </Col>
      </Row>
    </>
  );
}
