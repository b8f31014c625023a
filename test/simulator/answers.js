// Answer builders of the simulator and its refusals, in two tables: DOCUMENTED (the vendor's
// words, with the page) and ASSUMED (where the reference is silent; one place each, so each can
// be corrected). README.md lists both.

const json = (status, body, headers = {}) => ({ status, body: body === undefined ? '' : JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const message = (status, text) => json(status, { Message: text });
const empty = (status = 200) => ({ status, body: '', headers: {} });

/** Refusals in the vendor's words (v3 guide page numbers). */
const DOCUMENTED = {
	/** 1053 Get Workflow Users, 1040 Download, 1048 Update Workflow User, 1037 Get Packages. */
	notOwner: () => message(403, 'Document does not belong to user'),
	/** The reference's Complete page. */
	notAuthorizedToView: () => message(400, 'You are not authorized to view this document'),
	/** 1091 Recall Document. */
	recallRefused: () => message(403, 'Document should be recalled by owner in In Progress or Pending state'),
	/** 1040 Download Package. */
	draftDownload: () => message(403, 'Downloading document is not allowed in draft mode'),
	/** 1022 Upload Document. */
	noDocument: () => message(400, 'Request does not contain document'),
	/** 1022 Upload Document. */
	noFileName: () => message(400, 'Invalid request headers - file name not found'),
	/** Share Package; assumed for upload, recipients and template too (see ASSUMED.notDraft). */
	noLongerDraft: () => message(403, 'Document is no longer in draft state'),
	noSigners: () => message(404, 'You must add 1 or more signers before sharing the document'),
	documentNotFound: () => message(404, 'Document not found'),
};

/** Answers the reference does not document. */
const ASSUMED = {
	notDraft: DOCUMENTED.noLongerDraft, // documented for Share; assumed for upload, recipients, template
	notCompletedReport: () => message(400, 'Process evidence report is available for completed documents only'),
	badRequest: () => message(400, 'The request is invalid.'),
	templateNotFound: () => message(404, 'Template not found'),
	notAcceptable: () => message(406, 'Accept header must be application/octet-stream'),
	badStatus: () => message(400, 'Invalid document status'),
	badPaging: () => message(400, 'Page number and records per page must be 1 or more'),
	badOwnedBy: () => message(400, 'Invalid owned-by value'),
	notBase64: (header) => message(400, `Invalid ${header} header: the value must be Base64`),
	workflowModeRequired: () => message(400, 'workflow_mode is required'),
	mobileNumberRequired: (method) => message(400, `mobile_number is required for delivery_method ${method}`),
	conversionRequired: () => message(400, 'Only PDF, Word and XML documents can be uploaded without conversion (x-convert-document: true)'),
	/** ASP.NET Web API's standard words when no route matches the request; SigningHub's API is an ASP.NET one. */
	noSuchRoute: () => message(404, 'No HTTP resource was found that matches the request URI'),
	unsupportedMediaType: (type) => message(415, `The request entity's media type '${type}' is not supported for this resource.`),
};

module.exports = { json, message, empty, DOCUMENTED, ASSUMED };
