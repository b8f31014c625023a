/**
 * Every SigningHub path this package calls, one line each, with where it comes from:
 * "documented" (the vendor's own words) or "client code" (seen only in public client code, so it
 * may be wrong), per API version where they differ ("v3: client code"). A correction is a change
 * to one line here; docs/SIGNINGHUB-CALLS.md lists them for users. The sources:
 * - v3 guide: the vendor's SigningHub API guide v3, by page (e.g. page 1022 Upload Document);
 * - v4 paths and schemas: Ascertia's v4 paths and schemas as carried by the generated client of
 *   Microsoft's current SigningHub connector (Azure/Connectors-NodeJS-SDK,
 *   src/generated/SigninghubExtensions.ts), never the Power Automate flow connector (an Ascertia
 *   middleware, not the v4 API).
 *
 * `{v}` stands for the API version; every other `{name}` is filled in from the request's
 * path parameters, URL-encoded.
 */
export type ApiVersion = 'v3' | 'v4';

interface PathEntry {
	/** One template for both versions, or one per version. */
	path: string | Record<ApiVersion, string>;
	source: string;
}

export const PATHS = {
	authenticate: { path: '/authenticate', source: 'documented: Authentication (no version prefix), v3 guide and v4 paths' },
	packages: { path: '/{v}/packages/{status}/{page}/{perPage}', source: 'documented: Get Packages (v3 guide page 1037; v4 paths, with its query filters)' },
	newPackage: { path: '/{v}/packages', source: 'documented: Add Package (v3 guide; v4 paths and schemas)' },
	package: {
		path: '/{v}/packages/{packageId}',
		source: 'documented: Download Package (GET, v3 guide page 1040), Delete Package (DELETE); v4 paths',
	},
	evidenceReport: { path: '/{v}/packages/{packageId}/report', source: 'documented (v4 paths and schemas); v3: client code' },
	documents: { path: '/{v}/packages/{packageId}/documents', source: 'documented: Upload Document (v3 guide page 1022; v4 paths and schemas)' },
	applyTemplate: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/template',
		source: 'documented: Apply Workflow Template (v3 guide page 1024, apply_to_all; v4 paths and schemas, document 0 for every document)',
	},
	workflow: {
		path: '/{v}/packages/{packageId}/workflow',
		source: 'documented: Get Workflow Details (GET, v3 guide page 1042), Share Package (POST), Recall Package (DELETE, v3 guide page 1091); v4 paths',
	},
	workflowUsers: {
		path: '/{v}/packages/{packageId}/workflow/users',
		source: 'documented: Get Workflow Users (GET, v3 guide page 1053), Add Users to Workflow (POST, v3 guide page 1047); v4 paths and schemas',
	},
	completeWorkflow: {
		path: '/{v}/packages/{packageId}/complete',
		source: 'documented: "Complete Workflow in the Middle", v3 guide and v4 paths',
	},
	workflowHistory: {
		path: { v3: '/v3/packages/{packageId}/log', v4: '/v4/packages/{packageId}/log/{page}/{perPage}' },
		source: 'documented: Get Workflow History (v3 guide; v4 paths, paged)',
	},
	templates: { path: '/{v}/settings/templates/{perPage}/{page}', source: 'documented (v4 paths and schemas): Get Templates; v3: client code' },
	renamePackage: { path: '/{v}/packages/{packageId}', source: 'documented: Rename Package (v3 guide 1149; v4 paths and schemas RenameDocumentPackageRequest)' },
	packageOwner: { path: '/{v}/packages/{packageId}/owner', source: 'documented (v3 guide 1185): Change Document Package Owner; v4: client code (signinghubapi)' },
	document: {
		path: '/{v}/packages/{packageId}/documents/{documentId}',
		source: 'documented: Download Document (GET); Rename Document (PUT, v3 guide page 1031) and Delete Document (DELETE, v3 guide page 1032); v4 paths and schemas',
	},
	packageVerification: {
		path: '/{v}/packages/{packageId}/verification',
		source: 'documented (v3 guide 1197): Verify Package Signatures; v4: client code (signinghubapi; the v4 schema names the operation, Documents_GetDocumentPackageVerification, not its path)',
	},
	documentVerification: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/verification',
		source: 'documented (v3 guide 1035): Verify Document Signatures; v4: client code (signinghubapi)',
	},
	integrationLink: {
		path: '/v4/links/integration',
		source: 'client code only: no vendor page; body as the one working public client sends it, document_id and section VIEWER included (kobavzw/digitaal-ondertekenen-php GenerateIntegrationUrlCall.php); v4 only: v3 has no such call',
	},
	workflowUser: { path: '/{v}/packages/{packageId}/workflow/{order}/user', source: 'documented (v3 guide 1048; v4 paths and schemas WorkflowUserUpdateRequest): Update Workflow User' },
	workflowGroups: {
		path: '/{v}/packages/{packageId}/workflow/groups',
		source: 'documented: Add Groups to Workflow (POST, a JSON array; v3 guide 1049; v4 paths and schemas WorflowGroupRequest, workflowWorkflowAddGroupAsync)',
	},
	workflowPlaceholder: {
		path: '/{v}/packages/{packageId}/workflow/placeholder',
		source: 'documented: Add Placeholder to Workflow (POST, a JSON array; v3 guide 1051; v4 paths and schemas PlaceholderRequest, workflowWorkflowAddPlaceholderAsync)',
	},
	workflowReorder: {
		path: '/{v}/packages/{packageId}/workflow/{order}/reorder',
		source: 'documented on v4: Update Workflow Users Order (PUT {order}; v4 paths and schemas WorkflowUserReorderRequest, workflowWorkflowUserUpdateOrderAsync); v3: the same path assumed (no v3 page found)',
	},
	workflowRecipient: { path: '/{v}/packages/{packageId}/workflow/{order}', source: 'documented (v3 guide 1059; v4 paths and schemas): Delete Workflow User' },
	workflowReminders: {
		path: '/{v}/packages/{packageId}/workflow/{order}/reminders',
		source: 'documented (v3 guide 1063, whose body has no frequency: v3 counts days; v4 paths and schemas UpdateReminderRequest, frequency DAYS or HOURS): Get / Update Workflow Reminders',
	},
	workflowDetails: { path: '/{v}/packages/{packageId}/workflow', source: 'documented: Update Workflow Details (PUT; v4 paths and schemas WorkflowDetailUpdateRequest)' },
	postProcessing: {
		path: '/{v}/packages/{packageId}/workflow/post_process',
		source: 'documented (v3 guide 1046; v4 paths and schemas PostProcessUpdateRequest): Update Workflow Post Processing',
	},
	documentDetails: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/details',
		source: 'documented: Get Document Details (v3 guide page 1026, document_pages); v4: the same path in the reference catalogue',
	},
	documentFields: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/{page}',
		source: 'documented: Get Document Fields, one page (v3 guide page 1065; v4 paths and schemas, fieldsGetAllDocumentFields)',
	},
	fillFields: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields',
		source: 'documented: Fill Form Fields, by the owner or a recipient in turn, auto_save default false (v3 guide page 1067; v4 paths and schemas, FormFillingRequest)',
	},
	signatureField: {
		path: { v3: '/v3/packages/{packageId}/documents/{documentId}/fields/digital_signature', v4: '/v4/packages/{packageId}/documents/{documentId}/fields/signature' },
		source: 'documented: Add Signature Field (v4 paths and schemas); v3 digital_signature: client code (signinghubapi)',
	},
	initialsField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/initials', source: 'documented: Add Initials Field (v4 paths and schemas); v3: client code (signinghubapi)' },
	inPersonField: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/in_person_signature',
		source: 'documented: Add In-Person Signature Field (v4 paths and schemas); v3: client code (signinghubapi)',
	},
	textField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/text', source: 'documented: Add Text Field (v3 guide page 1073; v4 paths and schemas)' },
	autoplaceFields: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/autoplace',
		source: 'documented: Auto Place Fields (v3 guide page 1182; v4 paths and schemas, AutoPlaceFieldRequest)',
	},
	signDocument: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/sign',
		source: 'documented: Sign Document, header x-otp (v3 guide page 1087; v4 paths and schemas, SignDocumentRequest with user_password, SigningSignDocumentOptions xOtp)',
	},
	finishProcessing: {
		path: '/{v}/packages/{packageId}/finish',
		source: 'documented: Finish Processing, "after signing all the signature fields" (v3 guide page 1132; v4 paths and schemas, packageFinish)',
	},
	approvePackage: { path: '/{v}/packages/{packageId}/approve', source: 'documented: Approve Document, body {reason} (v3 guide, beside page 1088; v4 paths and schemas, packageApprove, ApproveRequest)' },
	declinePackage: { path: '/{v}/packages/{packageId}/decline', source: 'documented: Decline Document, body {reason} (v3 guide page 1088; v4 paths and schemas, packageDecline, DeclineRequest)' },
	submitPackage: { path: '/{v}/packages/{packageId}/submit', source: 'documented: Submit Document, no body (v3 guide page 1090; v4 paths and schemas, packageSubmit)' },
	recipientAuthentication: {
		path: { v3: '/v3/packages/{packageId}/workflow/{order}/authentication', v4: '/v4/enterprise/packages/{packageId}/workflow/{order}/authentication' },
		source:
			'documented: Update Workflow User Authentication (Document Opening) (v3 guide page 1058; v4 paths and schemas: only the enterprise path, enterpriseDocumentsUpdateEnterpriseWorkflowAccess, AccessUpdateRequest; /v4/packages/.../authentication is client code only)',
	},
	bulkAction: { path: '/v4/packages/{action}', source: 'documented (v4 paths and schemas): Bulk Sign Packages, signingBulkSignDocuments, BulkSignRequest; {action} is ApiBulkSignAction SHARE or SIGN; v4 only' },
	bulkStatus: { path: '/v4/packages/{action}/status', source: 'documented (v4 paths and schemas): Bulk Signing Status, signingBulkSignStatus, BulkSignStatusRequest {transaction_id}; v4 only' },
	checkboxField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/checkbox', source: 'documented: Add CheckBox Field (v4 paths and schemas, CheckBoxFieldRequest); v3: client code (signinghubapi)' },
	radioField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/radio', source: 'documented: Add RadioBox Field (v4 paths and schemas, RadioBoxFieldRequest); v3: client code (signinghubapi)' },
	qrCodeField: { path: '/v4/packages/{packageId}/documents/{documentId}/fields/qrcode', source: 'documented (v4 paths and schemas): Add QR Code, qraddQRCode, QrCodeRequest; v4 only' },
	documentField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields', source: 'documented: Delete Document Field, DELETE with body {field_name} (v4 paths and schemas, fieldsDeleteDocumentField); v3: same path assumed' },
	moveToFolder: { path: '/v4/packages/{packageId}/move_to', source: 'documented (v4 paths and schemas): Move Package to Custom or Shared Space folder, folderMovePackage, MoveToRequest {folder_name}; v4 only' },
	contacts: { path: '/v4/settings/contacts/{perPage}/{page}', source: 'documented (v4 paths and schemas): Get Contacts, contactsGet (records per page first; sort-by, asc, header x-search-text); v3: client code only, not used' },
} satisfies Record<string, PathEntry>;

export type Endpoint = keyof typeof PATHS;

export type PathParameters = Record<string, string | number>;

/** The path of an endpoint for one API version, e.g. `/v4/packages/123/complete`. */
export function resolvePath(endpoint: Endpoint, version: ApiVersion, parameters: PathParameters = {}): string {
	const entry: PathEntry = PATHS[endpoint];
	const template = typeof entry.path === 'string' ? entry.path : entry.path[version];
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (name === 'v') return version;
		const value = parameters[name];
		if (value === undefined) throw new Error(`The path of ${endpoint} needs "${name}"`);
		return encodeURIComponent(String(value));
	});
}

/** Get Packages, first page of one: the cheapest authenticated call (credential test). */
export const PROBE_PARAMETERS: PathParameters = { status: 'ALL', page: 1, perPage: 1 };
