/**
 * Every SigningHub path this package calls, one line each, with where it comes from:
 * "documented" (the vendor's v3 guide or Ascertia's v4 specification) or "client code" (seen
 * only in public client code, so it may be wrong). A correction is a change to one line here.
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
	authenticate: { path: '/authenticate', source: 'documented: Authentication (no version prefix)' },
	packages: { path: '/{v}/packages/{status}/{page}/{perPage}', source: 'documented: Get Packages' },
	newPackage: { path: '/{v}/packages', source: 'documented: Add Package' },
	package: { path: '/{v}/packages/{packageId}', source: 'documented: Download Package (GET), Delete Package (DELETE)' },
	evidenceReport: { path: '/{v}/packages/{packageId}/report', source: 'documented (v4 specification); v3: client code' },
	documents: { path: '/{v}/packages/{packageId}/documents', source: 'documented (v4 specification): Upload Document; v3: client code' },
	applyTemplate: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/template',
		source: 'documented (v4 specification): Apply Workflow Template; v3: client code',
	},
	workflow: {
		path: '/{v}/packages/{packageId}/workflow',
		source: 'documented: Get Workflow Details (GET), Share Package (POST), Recall Package (DELETE)',
	},
	workflowUsers: { path: '/{v}/packages/{packageId}/workflow/users', source: 'documented: Get Workflow Users (GET), Add Users to Workflow (POST)' },
	completeWorkflow: {
		path: '/{v}/packages/{packageId}/complete',
		source: 'documented: v3 guide and v4 specification, "Complete Workflow in the Middle"',
	},
	workflowHistory: {
		path: { v3: '/v3/packages/{packageId}/log', v4: '/v4/packages/{packageId}/log/{page}/{perPage}' },
		source: 'documented: Get Workflow History (paged in v4)',
	},
	templates: { path: '/{v}/settings/templates/{perPage}/{page}', source: 'documented (v4 specification): Get Templates; v3: client code' },
	documentFields: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/{page}',
		source: 'documented: Get Document Fields, one page (v4 specification; v3 guide 1065)',
	},
	fillFields: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields', source: 'documented: Fill Form Fields (v4 specification; v3 guide 1067)' },
	signatureField: {
		path: { v3: '/v3/packages/{packageId}/documents/{documentId}/fields/digital_signature', v4: '/v4/packages/{packageId}/documents/{documentId}/fields/signature' },
		source: 'documented (v4 specification): Add Signature Field; v3 digital_signature: client code',
	},
	initialsField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/initials', source: 'documented (v4 specification): Add Initials Field; v3: client code' },
	inPersonField: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/in_person_signature',
		source: 'documented (v4 specification): Add In-Person Field; v3: client code',
	},
	textField: { path: '/{v}/packages/{packageId}/documents/{documentId}/fields/text', source: 'documented: Add Text Field (v4 specification; v3 guide 1073)' },
	autoplaceFields: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/fields/autoplace',
		source: 'documented: Auto Place Fields (v4 specification; v3 guide 1182)',
	},
	signDocument: { path: '/{v}/packages/{packageId}/documents/{documentId}/sign', source: 'documented: Sign Document (v4 specification; v3 guide 1087)' },
	finishProcessing: { path: '/{v}/packages/{packageId}/finish', source: 'documented: Finish Processing (v4 specification; v3 guide 1132)' },
	renamePackage: { path: '/{v}/packages/{packageId}', source: 'documented: Rename Package (v3 guide 1149; v4 specification RenameDocumentPackageRequest)' },
	packageOwner: { path: '/{v}/packages/{packageId}/owner', source: 'documented (v3 guide 1185): Change Document Package Owner; v4: client code (signinghubapi)' },
	document: {
		path: '/{v}/packages/{packageId}/documents/{documentId}',
		source: 'documented: Download Document (GET); Rename Document (PUT) and Delete Document (DELETE): v4 specification; v3: client code (signinghubapi)',
	},
	packageVerification: { path: '/{v}/packages/{packageId}/verification', source: 'documented (v3 guide 1197): Verify Package Signatures; v4: client code (signinghubapi)' },
	documentVerification: {
		path: '/{v}/packages/{packageId}/documents/{documentId}/verification',
		source: 'documented (v3 guide 1035): Verify Document Signatures; v4: client code (signinghubapi)',
	},
	integrationLink: { path: '/v4/links/integration', source: 'client code only (digitaal-ondertekenen-php; v4 only: v3 has no such call)' },
	workflowUser: { path: '/{v}/packages/{packageId}/workflow/{order}/user', source: 'documented (v3 guide 1048; v4 specification WorkflowUserUpdateRequest): Update Workflow User' },
	workflowRecipient: { path: '/{v}/packages/{packageId}/workflow/{order}', source: 'documented (v3 guide 1059; v4 specification): Delete Workflow User' },
	workflowReminders: {
		path: '/{v}/packages/{packageId}/workflow/{order}/reminders',
		source: 'documented (v3 guide 1063; v4 specification UpdateReminderRequest): Get / Update Workflow Reminders',
	},
	workflowDetails: { path: '/{v}/packages/{packageId}/workflow', source: 'documented: Update Workflow Details (PUT; v4 specification WorkflowDetailUpdateRequest)' },
	postProcessing: {
		path: '/{v}/packages/{packageId}/workflow/post_process',
		source: 'documented (v3 guide 1046; v4 specification PostProcessUpdateRequest): Update Workflow Post Processing',
	},
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
