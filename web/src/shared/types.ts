/**
 * API shapes the web reads, inferred from the server's zod contracts (src/modules/<x>/<x>.contract.ts)
 * so client and server cannot drift. Type-only imports: no zod code reaches the bundle.
 */
import type { z } from 'zod';
import type * as Auth from '../../../src/modules/auth/auth.contract';
import type * as Org from '../../../src/modules/org/org.contract';
import type * as Audit from '../../../src/modules/audit/audit.contract';

export type Me = z.infer<typeof Auth.MeResponse>;
export type MeUser = Me['user'];
export type MeRole = Me['roles'][number];
export type SessionInfo = z.infer<typeof Auth.SessionItem>;
export type PasswordPolicy = z.infer<typeof Auth.PasswordPolicyResponse>;
export type SecuritySettings = z.infer<typeof Auth.SettingsBody>;
export type GrantItem = z.infer<typeof Auth.GrantItem>;
export type GrantCreated = z.infer<typeof Auth.GrantCreated>;
export type SecurityUser = z.infer<typeof Auth.SecurityUserItem>;
export type RoleName = GrantItem['role'];


export type TreeNode = Org.TreeNode;
export type TreeResponse = z.infer<typeof Org.TreeResponse>;
export type RegionSummary = Org.RegionSummary;
export type RegionDetail = Org.RegionDetail;
export type CenterSummary = Org.CenterSummary;
export type Center = Org.Center;
export type CenterDetail = Org.CenterDetail;
export type OrgWindow = Org.Window;
export type Stationing = Org.Stationing;
export type Department = Org.Department;
export type DepartmentDetail = z.infer<typeof Org.DepartmentDetail>;
export type Staff = Org.Staff;
export type StaffDetail = Org.StaffDetail;
/** List rows: the record plus what the signed-in user may do with that row. */
export type StaffRow = z.infer<typeof Org.StaffList>['items'][number];
export type DepartmentRow = z.infer<typeof Org.DepartmentList>['items'][number];
export type CenterRow = z.infer<typeof Org.CenterList>['items'][number];
export type ImportReport = Org.ImportReport;
export type ImportError = Org.ImportError;
export type Paged<T> = { items: T[]; nextCursor: string | null };

export type AuditItem = z.infer<typeof Audit.AuditItem>;
export type AuditPage = z.infer<typeof Audit.AuditPage>;
export type ChainReport = z.infer<typeof Audit.ChainReportResponse>;
export type AuditAction = z.infer<typeof Audit.ActionList>[number];

import type * as Catalog from '../../../src/modules/catalog/catalog.contract';
export type ItemContent = z.infer<typeof Catalog.ItemContent>;
export type ItemContentInput = z.input<typeof Catalog.ItemContentInput>;
export type CatalogMaterial = z.infer<typeof Catalog.Material>;
export type CatalogStep = z.infer<typeof Catalog.Step>;
export type BasicItem = z.infer<typeof Catalog.BasicItem>;
export type CatalogItemSummary = z.infer<typeof Catalog.ItemSummary>;
export type CatalogItemDetail = z.infer<typeof Catalog.ItemDetail>;
export type CatalogTree = z.infer<typeof Catalog.CatalogTree>;
export type CatalogVersionInfo = z.infer<typeof Catalog.VersionInfo>;
export type CatalogVersionDetail = z.infer<typeof Catalog.VersionDetail>;
export type CatalogDiff = z.infer<typeof Catalog.DiffResponse>;
export type UploadedFile = z.infer<typeof Catalog.UploadedFile>;
export type PublicItemSummary = z.infer<typeof Catalog.PublicItemSummary>;
export type PublicItemList = z.infer<typeof Catalog.PublicItemList>;
export type SearchResponse = z.infer<typeof Catalog.SearchResponse>;
export type SearchHit = z.infer<typeof Catalog.SearchHit>;
export type Guide = z.infer<typeof Catalog.Guide>;
export type PublicRegion = z.infer<typeof Catalog.PublicRegion>;
export type TopicsResponse = z.infer<typeof Catalog.Topics>;
export type PublicDepartments = z.infer<typeof Catalog.PublicDepartments>;
export type CatalogImportReport = z.infer<typeof Catalog.ImportReport>;

import type * as Cases from '../../../src/modules/cases/cases.contract';
export type CaseStatusKey = z.infer<typeof Cases.CaseStatus>;
export type CaseDeadline = z.infer<typeof Cases.Deadline>;
export type CaseSummary = z.infer<typeof Cases.CaseSummary>;
export type CaseList = z.infer<typeof Cases.CaseList>;
export type CaseDetail = z.infer<typeof Cases.CaseDetail>;
export type CaseMaterial = z.infer<typeof Cases.CaseMaterialView>;
export type CaseTask = z.infer<typeof Cases.CaseTaskView>;
export type CaseEvent = z.infer<typeof Cases.CaseEventView>;
export type InboxCounts = z.infer<typeof Cases.InboxCounts>;
export type CreateCaseInput = z.input<typeof Cases.CreateCaseBody>;
export type CaseMaterialCheck = z.input<typeof Cases.MaterialCheck>;
export type CaseCorrectionItem = z.input<typeof Cases.CorrectionItem>;
export type CaseTrackResponse = z.infer<typeof Cases.TrackResponse>;
export type ZeroHandlingResponse = z.infer<typeof Cases.ZeroHandling>;
export type ApplicantLookup = z.infer<typeof Cases.ApplicantLookup>;
