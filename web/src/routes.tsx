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
  { path: 'track', ...page(() => import('./apps/portal/track/TrackPage')) },
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
      { path: '*', element: <NotFoundPage home="/" /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
