import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { PageLoading, RouteError } from './shared/feedback';
import { NotFoundPage } from './shared/NotFound';

/** Each app and each screen is its own chunk; the portal home never loads workbench code. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

const workbenchChildren: RouteObject[] = [
  { index: true, ...page(() => import('./apps/workbench/pages/HomePage')) },
  {
    path: 'org',
    ...page(() => import('./apps/workbench/pages/org/OrgPage')),
    children: [
      { index: true, ...page(() => import('./apps/workbench/pages/org/OrgOverview')) },
      { path: 'regions/:regionId', ...page(() => import('./apps/workbench/pages/org/RegionDetail')) },
      { path: 'centers/:centerId', ...page(() => import('./apps/workbench/pages/org/CenterDetail')) },
    ],
  },
  { path: 'catalog', ...page(() => import('./apps/workbench/pages/catalog/CatalogPage')) },
  { path: 'catalog/items/:id', ...page(() => import('./apps/workbench/pages/catalog/ItemEditorPage')) },
  { path: 'catalog/basic', ...page(() => import('./apps/workbench/pages/catalog/BasicItemsPage')) },
  { path: 'catalog/center', ...page(() => import('./apps/workbench/pages/catalog/CenterListPage')) },
  { path: 'catalog/import', ...page(() => import('./apps/workbench/pages/catalog/CatalogImportPage')) },
  { path: 'cases', ...page(() => import('./apps/workbench/pages/cases/InboxPage')) },
  { path: 'cases/window', ...page(() => import('./apps/workbench/pages/cases/WindowPage')) },
  { path: 'cases/zero-handling', ...page(() => import('./apps/workbench/pages/cases/ZeroHandlingPage')) },
  { path: 'cases/:id', ...page(() => import('./apps/workbench/pages/cases/CaseDetailPage')) },
  { path: 'agency/mandates', ...page(() => import('./apps/workbench/pages/agency/MandatesPage')) },
  { path: 'agency/agents', ...page(() => import('./apps/workbench/pages/agency/AgentsPage')) },
  { path: 'agency/ledger', ...page(() => import('./apps/workbench/pages/agency/LedgerPage')) },
  { path: 'consultations', ...page(() => import('./apps/workbench/pages/consultations/ConsultationsPage')) },
  { path: 'hall/console', ...page(() => import('./apps/workbench/pages/hall/ConsolePage')) },
  { path: 'hall/queue-settings', ...page(() => import('./apps/workbench/pages/hall/QueueSettingsPage')) },
  { path: 'hall/appointments', ...page(() => import('./apps/workbench/pages/hall/AppointmentSessionsPage')) },
  { path: 'hall/attendance', ...page(() => import('./apps/workbench/pages/hall/AttendancePage')) },
  { path: 'hall/load', ...page(() => import('./apps/workbench/pages/hall/LoadPage')) },
  { path: 'hall/planning', ...page(() => import('./apps/workbench/pages/hall/PlanningPage')) },
  { path: 'policies', ...page(() => import('./apps/workbench/pages/policies/PoliciesPage')) },
  { path: 'policies/new', ...page(() => import('./apps/workbench/pages/policies/PolicyEditorPage')) },
  { path: 'policies/:id', ...page(() => import('./apps/workbench/pages/policies/PolicyEditorPage')) },
  { path: 'departments', ...page(() => import('./apps/workbench/pages/DepartmentsPage')) },
  { path: 'staff', ...page(() => import('./apps/workbench/pages/StaffPage')) },
  { path: 'import', ...page(() => import('./apps/workbench/pages/ImportPage')) },
  { path: 'calendar', ...page(() => import('./apps/workbench/pages/calendar/CalendarPage')) },
  { path: 'grants', ...page(() => import('./apps/workbench/pages/GrantsPage')) },
  { path: 'security', ...page(() => import('./apps/workbench/pages/SecuritySettingsPage')) },
  { path: 'audit', ...page(() => import('./apps/workbench/pages/AuditPage')) },
  { path: 'sessions', ...page(() => import('./apps/workbench/pages/SessionsPage')) },
  { path: 'password', ...page(() => import('./apps/workbench/pages/PasswordPage')) },
  { path: '*', element: <NotFoundPage home="/workbench" /> },
];

const portalChildren: RouteObject[] = [
  { index: true, ...page(() => import('./apps/portal/HomePage')) },
  { path: 'events/:eventKey', ...page(() => import('./apps/portal/LifeEventPage')) },
  { path: 'search', ...page(() => import('./apps/portal/SearchPage')) },
  { path: 'items/:id', ...page(() => import('./apps/portal/ItemGuidePage')) },
  { path: 'catalog', ...page(() => import('./apps/portal/CatalogPage')) },
  { path: 'catalog/departments', ...page(() => import('./apps/portal/DepartmentsPage')) },
  { path: 'register', ...page(() => import('./apps/portal/RegisterPage')) },
  { path: 'me', ...page(() => import('./apps/portal/MePage')) },
  { path: 'me/password', ...page(() => import('./apps/portal/PortalPasswordPage')) },
  { path: 'me/cases', ...page(() => import('./apps/portal/track/MyCasesPage')) },
  { path: 'me/cases/:id', ...page(() => import('./apps/portal/track/CaseDetailPage')) },
  { path: 'me/applications', ...page(() => import('./apps/portal/apply/MyApplicationsPage')) },
  { path: 'apply/new', ...page(() => import('./apps/portal/apply/ApplyNewPage')) },
  { path: 'apply/:applicationId', ...page(() => import('./apps/portal/apply/ApplyPage')) },
  { path: 'track', ...page(() => import('./apps/portal/track/TrackPage')) },
  { path: 'messages', ...page(() => import('./apps/portal/messages/MessagesPage')) },
  { path: 'centers', ...page(() => import('./apps/portal/directory/CentersPage')) },
  { path: 'centers/:id', ...page(() => import('./apps/portal/directory/CenterPage')) },
  { path: 'policies', ...page(() => import('./apps/portal/policies/PoliciesPage')) },
  { path: 'policies/:id', ...page(() => import('./apps/portal/policies/PolicyPage')) },
  { path: 'consult/ask', ...page(() => import('./apps/portal/consult/AskPage')) },
  { path: 'me/consultations', ...page(() => import('./apps/portal/consult/MyConsultationsPage')) },
  { path: 'appointments/new', ...page(() => import('./apps/portal/appointments/NewAppointmentPage')) },
  { path: 'me/appointments', ...page(() => import('./apps/portal/appointments/MyAppointmentsPage')) },
  { path: 'queue', ...page(() => import('./apps/portal/queue/QueuePage')) },
  { path: '*', element: <NotFoundPage home="/portal" /> },
];

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    hydrateFallbackElement: <PageLoading full />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <Navigate to="/portal" replace /> },
      { path: '/login', ...page(() => import('./apps/auth/LoginPage')) },
      { path: '/register', element: <Navigate to="/portal/register" replace /> },
      { path: '/portal', ...page(() => import('./apps/portal/PortalLayout')), children: portalChildren },
      { path: '/workbench', ...page(() => import('./apps/workbench/WorkbenchLayout')), children: workbenchChildren },
      // 便民代办: the village agent's offline phone app (PWA), one chunk with its own screens.
      { path: '/agent/*', ...page(() => import('./apps/agent/AgentApp')) },
      // 大厅: the kiosk (取号机) and the hall screen (叫号屏), public full-screen pages.
      { path: '/hall/:centerId/kiosk', ...page(() => import('./apps/hall/KioskPage')) },
      { path: '/hall/:centerId/screen', ...page(() => import('./apps/hall/ScreenPage')) },
      { path: '*', element: <NotFoundPage home="/" /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
