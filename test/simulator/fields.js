// Documents' fields: the form fields a PDF brings (text, checkbox, radio, dropdown, list), the
// fields the owner adds (by position, or next to a text: autoplace), filling them (the owner, or
// a recipient in turn), and signing a signature field server-side (Sign Document, Finish).
// After shared/reference/signinghub-api-next.md, sections 1 and 5; mixed into
// SigningHubSimulator's prototype like packages.js. Undocumented choices are in ASSUMED below
// and in README.md's ASSUMED list.
const { pdfOf, streamObject } = require('./files');
const { json, message, empty, DOCUMENTED, ASSUMED } = require('./answers');
const { BACKOFFICE_DOCUMENTED } = require('./backoffice');

/** Kinds of field, as Get Document Fields groups them; the signature list is named per version. */
const SIGNATURE_KINDS = ['signature', 'electronic_signature', 'initials', 'in_person_signature'];
const VALUE_KINDS = ['text', 'radio', 'checkbox', 'dropdown', 'listbox'];
const ANSWER_LISTS = ['signature', 'hand_signature', 'electronic_signature', 'initials', 'in_person_signature', 'text', 'radio', 'checkbox', 'dropdown', 'listbox', 'qrcode', 'attachment', 'comment', 'unique_identifier'];
const listName = (kind, v) => (kind === 'signature' && v === 'v3' ? 'digital_signature' : kind);

/** Autoplace's field types (v4 specification; v3 after client code), and the kind each makes. */
const AUTOPLACE_TYPES = {
	v4: { SIGNATURE: 'signature', IN_PERSON_SIGNATURE: 'in_person_signature', INITIALS: 'initials', TEXT: 'text', NUMBER: 'text', NAME: 'text', EMAIL: 'text', COMPANY: 'text', JOBTITLE: 'text', DATE: 'text', RADIOBOX: 'radio', CHECKBOX: 'checkbox' },
	v3: { DIGITAL_SIGNATURE: 'signature', ELECTRONIC_SIGNATURE: 'electronic_signature', IN_PERSON_SIGNATURE: 'in_person_signature', INITIALS: 'initials', TEXT: 'text', NUMBER: 'text', NAME: 'text', EMAIL: 'text', COMPANY: 'text', JOBTITLE: 'text', DATE: 'text', RadioBox: 'radio', CheckBox: 'checkbox' },
};
const PLACEMENTS = ['LEFT', 'RIGHT', 'TOP', 'BOTTOM'];
/** Text fields' `field_type`: the v4 schema's `Number`/`Text`, the v3 example's `NUMBER`/`TEXT`. */
const TEXT_FIELD_TYPES = { v4: ['Number', 'Text'], v3: ['NUMBER', 'TEXT'] };
const TEXT_TYPES = ['TEXT', 'NAME', 'EMAIL', 'COMPANY', 'JOBTITLE', 'DATE'];
/** A field's size when the request gives none (assumed). */
const DEFAULT_SIZE = { signature: [160, 40], electronic_signature: [160, 40], in_person_signature: [160, 40], initials: [60, 30], text: [150, 20], radio: [12, 12], checkbox: [12, 12] };
const PAGE = { width: 595, height: 842 };
/** What Add QR Code answers as `value`, "the base64 of QrCode image" (AZ AddQrCodeResponse): a 1x1 PNG stands in. */
const QR_IMAGE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

/** Checkboxes and radio buttons are square: "The larger value between width and height will be assigned to both dimensions" (AZ checkboxAddCheckBoxAsync). */
function squareIfBox(kind, dimensions) {
	if (kind !== 'checkbox' && kind !== 'radio') return dimensions;
	const side = Math.max(dimensions.width, dimensions.height);
	return { ...dimensions, width: side, height: side };
}

/** Refusals in the vendor's words (v3 guide pages). */
const FIELD_DOCUMENTED = {
	/** 1073 Add Text Field (and 1081 Update); the simulator uses it, and 1073's locked-workflow refusal (backoffice.js), for every field it adds. */
	signedDocument: () => message(403, 'You cannot add fields once the document has been signed'),
};

/** Answers the reference does not document (README.md, ASSUMED). */
const FIELD_ASSUMED = {
	unknownField: (name) => message(400, `Field "${name}" does not exist in the document`),
	badValue: (name) => message(400, `Invalid value for field "${name}"`),
	badOrder: (order) => message(400, `No recipient at order ${order}: add the recipient before its fields`),
	badPage: () => message(400, 'Invalid page number'),
	duplicateName: (name) => message(400, `A field named "${name}" already exists in the document`),
	missing: (name) => message(400, `${name} is required`),
	completedFill: () => message(403, 'Fields of a completed or declined document cannot be filled'),
	scopedSigning: () => message(403, "Signing needs the signer's own access token: a token obtained with scope cannot sign"),
	notYourField: () => message(403, 'The field is not assigned to this user'),
	notYourTurn: () => message(403, 'The document is not waiting for this user to sign'),
	alreadySigned: (name) => message(400, `Field "${name}" is already signed`),
	mandatoryEmpty: (names) => message(400, `Fill in the mandatory fields before signing: ${names.join(', ')}`),
	unknownCapacity: () => message(400, 'Signing capacity not found'),
	unknownServer: () => message(400, 'Signing server not found'),
	/**
	 * Sign Document refusals of a protected signature: the body shape `{Error, Message}` and its
	 * keys are the reference's for protected documents ("Error bodies in general"); their use on
	 * Sign and the words are assumed.
	 */
	passwordRequired: () => json(403, { Error: 'password_required', Message: 'The signing key is protected: user_password is required' }),
	otpRequired: () => json(403, { Error: 'otp_required', Message: 'OTP is required to sign this field' }),
	invalidCredentials: () => json(403, { Error: 'invalid_credentials', Message: 'Invalid password or OTP' }),
};

/** Fields of the sample contract: one page, a form field of each kind, and texts to place next to. */
const SAMPLE_LINES = [
	{ text: 'Service agreement', x: 50, y: 790, size: 16 },
	{ text: 'Customer name:', x: 50, y: 740 },
	{ text: 'Amount (EUR):', x: 50, y: 710 },
	{ text: 'Plan:', x: 50, y: 680 },
	{ text: 'Payment:', x: 50, y: 650 },
	{ text: 'Card', x: 168, y: 647 },
	{ text: 'Invoice', x: 268, y: 647 },
	{ text: 'I accept the terms', x: 70, y: 618 },
	{ text: 'Customer signature:', x: 50, y: 540 },
	{ text: 'For ACME:', x: 50, y: 440 },
];
const SAMPLE_FIELDS = [
	{ type: 'text', name: 'customer_name', rect: [150, 735, 400, 753], required: true },
	{ type: 'text', name: 'amount', rect: [150, 705, 300, 723] },
	{ type: 'dropdown', name: 'plan', rect: [150, 675, 300, 693], choices: ['Basic', 'Standard', 'Premium'] },
	{ type: 'radio', name: 'payment_card', group: 'payment', rect: [150, 645, 162, 657] },
	{ type: 'radio', name: 'payment_invoice', group: 'payment', rect: [250, 645, 262, 657] },
	{ type: 'checkbox', name: 'accept_terms', rect: [50, 615, 62, 627] },
];

const pdfText = (text) => String(text).replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');

/**
 * A one-page PDF with AcroForm fields, as a form-designer would make it: `lines` of text at
 * positions (points, from the bottom left) and `fields` ({type: text | checkbox | radio |
 * dropdown | listbox, name, rect [x1 y1 x2 y2], group (radio), choices, required}). Without
 * arguments: the sample contract.
 */
function formPdf({ lines = SAMPLE_LINES, fields = SAMPLE_FIELDS } = {}) {
	const content = lines.map(({ text, x, y, size = 11 }) => `BT /F1 ${size} Tf ${x} ${y} Td (${pdfText(text)}) Tj ET`).join('\n');
	const objects = [
		null, // the catalog, written last: it lists the fields
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		null, // the page, written last: it lists the widgets
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		streamObject(content),
	];
	const fieldRefs = [];
	const groups = new Map();
	for (const field of fields) {
		const flags = (field.required ? 2 : 0) + (field.type === 'radio' ? 32768 : 0) + (field.type === 'dropdown' ? 131072 : 0);
		const ft = { text: 'Tx', checkbox: 'Btn', radio: 'Btn', dropdown: 'Ch', listbox: 'Ch' }[field.type];
		const options = field.choices ? ` /Opt [${field.choices.map((c) => `(${pdfText(c)})`).join(' ')}]` : '';
		let parent = '';
		if (field.group) {
			if (!groups.has(field.group)) {
				objects.push(null);
				groups.set(field.group, { number: objects.length, kids: [] });
				fieldRefs.push(`${objects.length} 0 R`);
			}
			parent = ` /Parent ${groups.get(field.group).number} 0 R`;
		}
		objects.push(`<< /Type /Annot /Subtype /Widget /FT /${ft} /Ff ${flags} /T (${pdfText(field.name)})${options}${parent} /Rect [${field.rect.join(' ')}] /P 3 0 R >>`);
		if (field.group) groups.get(field.group).kids.push(`${objects.length} 0 R`);
		else fieldRefs.push(`${objects.length} 0 R`);
	}
	for (const [name, group] of groups) objects[group.number - 1] = `<< /FT /Btn /Ff 32768 /T (${pdfText(name)}) /Kids [${group.kids.join(' ')}] >>`;
	const widgets = objects.map((object, i) => (object && object.includes('/Subtype /Widget') ? `${i + 1} 0 R` : null)).filter(Boolean);
	objects[0] = `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${fieldRefs.join(' ')}] >> >>`;
	objects[2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [${widgets.join(' ')}] >>`;
	return pdfOf(objects);
}

/** The objects of a PDF by number. */
function objectsOf(bytes) {
	const text = bytes.toString('latin1');
	return new Map([...text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map(([, number, body]) => [Number(number), body]));
}

const unescapePdf = (text) => text.replace(/\\([\\()])/g, '$1');
const nameOf = (body) => {
	const match = /\/T \(((?:\\.|[^\\)])*)\)/.exec(body);
	return match ? unescapePdf(match[1]) : undefined;
};

/** The pages of a PDF in order: their object numbers. */
function pageNumbers(objects) {
	return [...objects].filter(([, body]) => /\/Type \/Page(?![a-zA-Z])/.test(body)).map(([number]) => number);
}

/** SigningHub's dimensions (from the top left) of a PDF rectangle (from the bottom left). */
function dimensionsOf([x1, y1, x2, y2]) {
	return { x: x1, y: PAGE.height - y2, width: x2 - x1, height: y2 - y1 };
}

/** The form fields of a PDF, as SigningHub lists them once the document is uploaded. */
function pdfFields(bytes) {
	if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return [];
	const objects = objectsOf(bytes);
	const pages = pageNumbers(objects);
	const fields = [];
	for (const [, body] of objects) {
		if (!body.includes('/Subtype /Widget') || !/\/FT \//.test(body)) continue;
		const ft = /\/FT \/(\w+)/.exec(body)[1];
		const flags = Number(/\/Ff (\d+)/.exec(body)?.[1] ?? 0);
		const rect = /\/Rect \[([^\]]+)\]/.exec(body)[1].trim().split(/\s+/).map(Number);
		const page = pages.indexOf(Number(/\/P (\d+) 0 R/.exec(body)?.[1])) + 1 || 1;
		const kind = ft === 'Tx' ? 'text' : ft === 'Ch' ? (flags & 131072 ? 'dropdown' : 'listbox') : ft === 'Sig' ? 'signature' : flags & 32768 ? 'radio' : 'checkbox';
		const field = { kind, field_name: nameOf(body), page_no: page, order: null, dimensions: dimensionsOf(rect), embedded: true };
		if (kind === 'text') Object.assign(field, { value: '', type: 'TEXT', format_type: 'Text', max_length: 9999, read_only: false, validation_rule: flags & 2 ? 'MANDATORY' : 'OPTIONAL' });
		if (kind === 'radio' || kind === 'checkbox') Object.assign(field, { value: false, checked: false });
		if (kind === 'radio') field.radio_group_name = nameOf(objects.get(Number(/\/Parent (\d+) 0 R/.exec(body)?.[1])) ?? '') ?? field.field_name;
		if (kind === 'dropdown' || kind === 'listbox') {
			const options = /\/Opt \[([^\]]*)\]/.exec(body)?.[1] ?? '';
			Object.assign(field, { value: '', choices: [...options.matchAll(/\(((?:\\.|[^\\)])*)\)/g)].map((m) => unescapePdf(m[1])) });
		}
		fields.push(field);
	}
	return fields;
}

/** The texts a PDF shows, with their place: what autoplace searches. Reads Tf, Td, TL, T* and Tj. */
function pdfTextRuns(bytes) {
	if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return [];
	const objects = objectsOf(bytes);
	const runs = [];
	pageNumbers(objects).forEach((pageNumber, index) => {
		const contents = /\/Contents (\d+) 0 R/.exec(objects.get(pageNumber))?.[1];
		const stream = /stream\n([\s\S]*?)\nendstream/.exec(objects.get(Number(contents)) ?? '')?.[1] ?? '';
		let x = 0;
		let y = 0;
		let leading = 0;
		let size = 11;
		let operands = [];
		for (const token of stream.match(/\((?:\\.|[^\\)])*\)|[^\s()]+/g) ?? []) {
			if (!/^(BT|ET|Tf|Td|TL|T\*|Tj)$/.test(token)) {
				operands.push(token);
				continue;
			}
			if (token === 'BT') [x, y] = [0, 0];
			else if (token === 'Tf') size = Number(operands.at(-1));
			else if (token === 'Td') [x, y] = [x + Number(operands.at(-2)), y + Number(operands.at(-1))];
			else if (token === 'TL') leading = Number(operands.at(-1));
			else if (token === 'T*') y -= leading;
			else if (token === 'Tj') {
				const text = unescapePdf(String(operands.at(-1)).slice(1, -1));
				runs.push({ text, page: index + 1, box: { x, y: PAGE.height - y - size, width: text.length * size * 0.5, height: size * 1.2 } });
			}
			operands = [];
		}
	});
	return runs;
}

/** Where autoplace puts a field of `size` beside the text box `box` (placement LEFT, RIGHT, TOP or BOTTOM). */
function placeBeside(box, [width, height], placement) {
	const gap = 4;
	const middle = box.y + box.height / 2 - height / 2;
	const place = {
		LEFT: { x: box.x - width - gap, y: middle },
		RIGHT: { x: box.x + box.width + gap, y: middle },
		TOP: { x: box.x, y: box.y - height - gap },
		BOTTOM: { x: box.x, y: box.y + box.height + gap },
	}[placement];
	return { x: Math.max(0, Math.round(place.x)), y: Math.max(0, Math.round(place.y)), width, height };
}

const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

const fieldMethods = {
	/** A document's fields: its PDF's form fields on first use, then those added. */
	fieldsOf(doc) {
		doc.fields ??= pdfFields(doc.content);
		return doc.fields;
	},

	/** The package and document of a fields call, for its owner or (`recipientsToo`) one of its recipients; else the error answer. */
	fieldsDocument(ctx, { recipientsToo = false } = {}) {
		const pkg = this.packageOf(/^\d+$/.test(ctx.params[0]) ? ctx.params[0] : 0);
		if (!pkg) return DOCUMENTED.documentNotFound();
		const owner = same(pkg.owner, ctx.user.email);
		const recipient = pkg.status !== 'DRAFT' && pkg.recipients.find((r) => same(r.user_email, ctx.user.email));
		if (!owner && !(recipientsToo && recipient)) return DOCUMENTED.notOwner();
		const doc = pkg.documents.find((d) => String(d.id) === ctx.params[1]);
		if (!doc) return DOCUMENTED.documentNotFound();
		return { pkg, doc, owner, recipient: recipient || undefined };
	},

	/** A field as Get Document Fields shows it. */
	fieldOut(field) {
		const { kind, ...out } = field;
		out.dimensions = { field: field.dimensions, page: PAGE };
		if (SIGNATURE_KINDS.includes(kind)) out.processed_on = field.processed_on ?? null;
		return out;
	},

	/** Get Document Details (v3 1026): the owner, and (assumed, as for its fields) the recipients of a shared package. */
	documentDetails(ctx) {
		const found = this.fieldsDocument(ctx, { recipientsToo: true });
		if ('body' in found) return found;
		const { doc } = found;
		const out = this.documentOut(doc);
		return json(200, {
			document_id: doc.id,
			document_name: doc.name,
			document_order: found.pkg.documents.indexOf(doc) + 1,
			document_type: out.type,
			document_source: out.source,
			document_width: PAGE.width,
			document_height: PAGE.height,
			document_pages: doc.pages,
			uploaded_on: out.uploaded_on,
			modified_on: out.modified_on,
			form_fields: this.fieldsOf(doc).some((f) => VALUE_KINDS.includes(f.kind)),
			lock_form_fields: false,
		});
	},

	/** Get Document Fields of one page (v3 1065, v4 specification). */
	getFields(ctx) {
		const found = this.fieldsDocument(ctx, { recipientsToo: true });
		if ('body' in found) return found;
		const page = Number(ctx.params[2]);
		if (page < 1 || page > found.doc.pages) return FIELD_ASSUMED.badPage();
		const answer = Object.fromEntries(ANSWER_LISTS.map((list) => [listName(list, ctx.v), []]));
		for (const field of this.fieldsOf(found.doc)) if (field.page_no === page) answer[listName(field.kind, ctx.v)].push(this.fieldOut(field));
		return json(200, answer);
	},

	/** Fill Form Fields (v3 1067, v4 specification): the owner, or a recipient whose turn it is, for the fields not assigned to others. */
	fillFields(ctx) {
		const found = this.fieldsDocument(ctx, { recipientsToo: true });
		if ('body' in found) return found;
		const { pkg, doc, owner, recipient } = found;
		if (!owner && !this.nextSigners(pkg).includes(recipient)) return FIELD_ASSUMED.notYourTurn();
		if (pkg.status === 'COMPLETED' || pkg.status === 'DECLINED') return FIELD_ASSUMED.completedFill();
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return message(400, 'The request is invalid.');
		const changes = [];
		for (const kind of VALUE_KINDS) {
			for (const entry of input[kind] ?? []) {
				const field = this.fieldsOf(doc).find((f) => f.kind === kind && f.field_name === entry?.field_name);
				if (!field || (!owner && field.order !== null && field.order !== recipient.order)) return FIELD_ASSUMED.unknownField(entry?.field_name);
				const boolean = kind === 'radio' || kind === 'checkbox';
				if (boolean ? typeof entry.value !== 'boolean' : typeof entry.value !== 'string') return FIELD_ASSUMED.badValue(field.field_name);
				if (field.choices && !field.choices.includes(entry.value)) return FIELD_ASSUMED.badValue(field.field_name);
				changes.push([field, entry.value]);
			}
		}
		for (const [field, value] of changes) {
			if (field.kind === 'radio' && value) for (const other of this.fieldsOf(doc)) if (other.kind === 'radio' && other.radio_group_name === field.radio_group_name) Object.assign(other, { value: false, checked: false });
			Object.assign(field, field.kind === 'radio' || field.kind === 'checkbox' ? { value, checked: value } : { value });
		}
		(this.fills ??= []).push({ packageId: pkg.id, documentId: doc.id, user: ctx.user.email, auto_save: input.auto_save });
		this.touch(pkg, 'FIELDS_FILLED', ctx.user.email, { type: 'DOCUMENT', value: doc.name });
		return empty();
	},

	/** Whether any signature of the document is applied. */
	documentSigned(doc) {
		return this.fieldsOf(doc).some((f) => SIGNATURE_KINDS.includes(f.kind) && f.process_status === 'PROCESSED');
	},

	/** What every added field needs: unsigned, an unlocked draft of the owner, a recipient at `order`. */
	fieldProblem(found, input) {
		if (this.documentSigned(found.doc)) return FIELD_DOCUMENTED.signedDocument();
		if (found.pkg.lockedWorkflow) return BACKOFFICE_DOCUMENTED.lockedWorkflow();
		if (found.pkg.status !== 'DRAFT') return ASSUMED.notDraft();
		if (!Number.isInteger(input.order)) return FIELD_ASSUMED.missing('order');
		if (input.order < 1 || input.order > found.pkg.recipients.length) return FIELD_ASSUMED.badOrder(input.order);
		if (input.field_name !== undefined && this.fieldsOf(found.doc).some((f) => f.field_name === input.field_name)) return FIELD_ASSUMED.duplicateName(input.field_name);
		return undefined;
	},

	/** A field name SigningHub makes up when none is given (assumed: kind and number). */
	newFieldName(doc, kind) {
		const taken = new Set(this.fieldsOf(doc).map((f) => f.field_name));
		for (let n = 1; ; n++) if (!taken.has(`${kind}_${n}`)) return `${kind}_${n}`;
	},

	/** Adds a field of `kind` assigned to the recipient at `input.order`. */
	addFieldTo(doc, kind, input, page, dimensions) {
		const field = { kind, field_name: input.field_name ?? this.newFieldName(doc, kind), page_no: page, order: input.order, dimensions, embedded: false, created_on: new Date(this.now()).toISOString() };
		if (SIGNATURE_KINDS.includes(kind)) {
			Object.assign(field, { process_status: 'UN_PROCESSED', processed_on: null, processed_by: null, processed_as: null, display: input.display ?? 'VISIBLE', level_of_assurance: input.level_of_assurance ?? [], verification: null });
			if (kind === 'in_person_signature') field.placeholder = input.placeholder;
		}
		if (kind === 'text') {
			Object.assign(field, { value: input.value ?? '', type: input.type ?? 'TEXT', format_type: input.field_type ?? 'Text', max_length: input.max_length ?? 9999, read_only: false, validation_rule: input.validation_rule ?? 'OPTIONAL', placeholder: input.placeholder ?? '' });
		}
		if (kind === 'radio' || kind === 'checkbox') Object.assign(field, { value: String(input.value) === 'true', checked: String(input.value) === 'true', radio_group_name: input.radio_group_name, validation_rule: input.validation_rule ?? 'OPTIONAL' });
		if (kind === 'qrcode') Object.assign(field, { order: null, type: 'QR', data: input.data ?? `${this.url}/document/${doc.id}`, value: QR_IMAGE });
		this.fieldsOf(doc).push(field);
		return field;
	},

	/** Add Signature / Initials / In-Person / Text Field (v4 specification; v3 1070, 1073). */
	addField(ctx) {
		const found = this.fieldsDocument(ctx);
		if ('body' in found) return found;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return message(400, 'The request is invalid.');
		const kind = { digital_signature: 'signature', signature: 'signature', electronic_signature: 'electronic_signature', initials: 'initials', in_person_signature: 'in_person_signature', text: 'text', checkbox: 'checkbox', radio: 'radio', qrcode: 'qrcode' }[ctx.params[2]];
		// A QR code is nobody's to fill (AZ QrCodeRequest has no order).
		const problem = this.fieldProblem(found, kind === 'qrcode' ? { ...input, order: 1 } : input);
		if (problem) return problem;
		if (!Number.isInteger(input.page_no)) return FIELD_ASSUMED.missing('page_no');
		if (input.page_no < 1 || input.page_no > found.doc.pages) return FIELD_ASSUMED.badPage();
		const dimensionsRequired = kind !== 'signature' && kind !== 'electronic_signature';
		const dimensions = input.dimensions;
		const valid = dimensions && ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(dimensions[key]));
		if (dimensions !== undefined ? !valid : dimensionsRequired) return FIELD_ASSUMED.missing('dimensions');
		if (kind === 'in_person_signature' && !input.placeholder) return FIELD_ASSUMED.missing('placeholder');
		if (kind === 'radio') for (const key of ['radio_group_name', 'validation_rule']) if (!input[key]) return FIELD_ASSUMED.missing(key);
		if ((kind === 'radio' || kind === 'checkbox') && input.value !== undefined && !['true', 'false'].includes(input.value)) return FIELD_ASSUMED.badValue('value');
		if (kind === 'text') {
			for (const key of ['type', 'field_type', 'validation_rule', 'max_length', 'font', 'multiline']) if (input[key] === undefined) return FIELD_ASSUMED.missing(key);
			if (!TEXT_FIELD_TYPES[ctx.v].includes(input.field_type)) return message(400, `Invalid field_type: ${input.field_type}`);
			if (!TEXT_TYPES.includes(input.type)) return message(400, `Invalid type: ${input.type}`);
		}
		const field = this.addFieldTo(found.doc, kind, input, input.page_no, squareIfBox(kind, dimensions ?? { x: 0, y: 0, width: DEFAULT_SIZE[kind][0], height: DEFAULT_SIZE[kind][1] }));
		this.touch(found.pkg, 'FIELD_ADDED', ctx.user.email, { type: 'DOCUMENT', value: `${found.doc.name}: ${field.field_name}` });
		if (kind === 'qrcode') return json(200, { data: field.data, field_name: field.field_name, value: field.value });
		if (ctx.v === 'v3' && kind === 'electronic_signature') return json(200, { field_name: field.field_name });
		return json(200, { field_name: field.field_name, created_on: field.created_on });
	},

	/** Delete Document Field (AZ fieldsDeleteDocumentFieldAsync, `DELETE doc/fields` `{field_name}`): the owner's draft, as adding. */
	deleteField(ctx) {
		const found = this.fieldsDocument(ctx);
		if ('body' in found) return found;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || typeof input.field_name !== 'string' || input.field_name === '') return FIELD_ASSUMED.missing('field_name');
		const problem = this.fieldProblem(found, { order: 1 });
		if (problem) return problem;
		const fields = this.fieldsOf(found.doc);
		const index = fields.findIndex((f) => f.field_name === input.field_name);
		if (index < 0) return FIELD_ASSUMED.unknownField(input.field_name);
		fields.splice(index, 1);
		this.touch(found.pkg, 'FIELD_DELETED', ctx.user.email, { type: 'DOCUMENT', value: `${found.doc.name}: ${input.field_name}` });
		return empty();
	},

	/** Auto Place Fields (v4 specification; v3 1182): one field beside each place the text shows. */
	autoplace(ctx) {
		const found = this.fieldsDocument(ctx);
		if ('body' in found) return found;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return message(400, 'The request is invalid.');
		if (typeof input.search_text !== 'string' || input.search_text === '') return FIELD_ASSUMED.missing('search_text');
		const kind = AUTOPLACE_TYPES[ctx.v][input.field_type];
		if (!kind) return message(400, `Invalid field_type: ${input.field_type}`);
		if (kind === 'radio' && !input.radio_group_name) return FIELD_ASSUMED.missing('radio_group_name');
		const placement = input.placement ?? 'LEFT';
		if (!PLACEMENTS.includes(placement)) return message(400, `Invalid placement: ${placement}`);
		const problem = this.fieldProblem(found, { ...input, field_name: undefined });
		if (problem) return problem;
		const size = input.dimensions ? [input.dimensions.width, input.dimensions.height] : DEFAULT_SIZE[kind];
		const matches = pdfTextRuns(found.doc.content).filter((run) => run.text.includes(input.search_text));
		const placed = matches.map((run) => this.addFieldTo(found.doc, kind, { ...input, field_name: undefined }, run.page, placeBeside(run.box, size, placement)));
		if (placed.length) this.touch(found.pkg, 'FIELD_ADDED', ctx.user.email, { type: 'DOCUMENT', value: `${found.doc.name}: ${placed.map((f) => f.field_name).join(', ')}` });
		return json(200, placed.map((f) => ({ field_name: f.field_name })));
	},

	/**
	 * The user's signing capacities and servers (the scenario's, or one of each: assumed), the
	 * passwords of capacities whose key is protected (`capacityPasswords`: {capacity: password},
	 * for the v4 schema's `user_password`) and the one-time password signing needs (`signingOtp`,
	 * sent in the `x-otp` header: v3 guide page 1087, v4 SigningSignDocumentOptions).
	 */
	signingProfile(user) {
		return { capacities: user.signingCapacities ?? ['Default'], servers: user.signingServers ?? ['Default'], passwords: user.capacityPasswords ?? {}, otp: user.signingOtp };
	},

	/** The refusal of a signature whose key password or one-time password is missing or wrong, or undefined. */
	signingProtection(ctx, profile, input) {
		const password = profile.passwords[input.signing_capacity ?? profile.capacities[0]];
		if (password !== undefined) {
			if (input.user_password === undefined || input.user_password === '') return FIELD_ASSUMED.passwordRequired();
			if (input.user_password !== password) return FIELD_ASSUMED.invalidCredentials();
		}
		if (profile.otp !== undefined) {
			const otp = ctx.req.headers['x-otp'];
			if (otp === undefined || otp === '') return FIELD_ASSUMED.otpRequired();
			if (otp !== profile.otp) return FIELD_ASSUMED.invalidCredentials();
		}
		return undefined;
	},

	/** Applies a signature to `field` for `user`. */
	applySignature(pkg, doc, field, user, input = {}) {
		const now = new Date(this.now()).toISOString();
		Object.assign(field, {
			process_status: 'PROCESSED',
			processed_on: now,
			processed_by: user.email,
			processed_as: input.signing_capacity ?? this.nameOf(user.email),
			verification: {
				field_name: field.field_name,
				signer_name: this.nameOf(user.email),
				signature_status: 'VALID',
				signing_reason: input.signing_reason ?? '',
				signing_location: input.signing_location ?? '',
				contact_information: input.contact_information ?? '',
				signing_time: now,
				subject_dn: `CN=${this.nameOf(user.email)}, E=${user.email}`,
				issuer_dn: 'CN=SigningHub Simulator CA',
				signature_type: 'PADES_PART4',
				signature_algorithm: 'SHA256withRSA',
				ltv: true,
				qualified: false,
				certified: false,
			},
		});
		this.touch(pkg, 'SIGNATURE_APPLIED', user.email, { type: 'FIELD', value: `${doc.name}: ${field.field_name}${input.signing_capacity ? ` (${input.signing_capacity})` : ''}` });
	},

	/** Sign Document (v4 specification; v3 1087): the signer's own token, the signer's turn, their own field. */
	signDocument(ctx) {
		const token = this.accessTokens.get(String(ctx.req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
		if (token?.scoped) return FIELD_ASSUMED.scopedSigning();
		const found = this.fieldsDocument(ctx, { recipientsToo: true });
		if ('body' in found) return found;
		const { pkg, doc } = found;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input.field_name !== 'string') return FIELD_ASSUMED.missing('field_name');
		const field = this.fieldsOf(doc).find((f) => f.field_name === input.field_name && SIGNATURE_KINDS.includes(f.kind));
		if (!field) return FIELD_ASSUMED.unknownField(input.field_name);
		const signer = pkg.recipients.find((r) => r.order === field.order);
		if (!signer || !same(signer.user_email, ctx.user.email)) return FIELD_ASSUMED.notYourField();
		if (field.process_status === 'PROCESSED') return FIELD_ASSUMED.alreadySigned(field.field_name);
		if (!this.nextSigners(pkg).includes(signer)) return FIELD_ASSUMED.notYourTurn();
		const profile = this.signingProfile(ctx.user);
		if (input.signing_capacity !== undefined && !profile.capacities.includes(input.signing_capacity)) return FIELD_ASSUMED.unknownCapacity();
		if (input.signing_server !== undefined && !profile.servers.includes(input.signing_server)) return FIELD_ASSUMED.unknownServer();
		const protection = this.signingProtection(ctx, profile, input);
		if (protection) return protection;
		const empties = this.fieldsOf(doc).filter((f) => f.kind === 'text' && f.validation_rule === 'MANDATORY' && (f.order === null || f.order === signer.order) && !f.value);
		if (empties.length) return FIELD_ASSUMED.mandatoryEmpty(empties.map((f) => f.field_name));
		const answer = { field_name: field.field_name, transaction_id: `sim-tx-${++this.nextLogId}`, authentication_access_token: null };
		if (ctx.user.remoteAuthorisation) {
			// SigningHub waits for the signer to authorise on a phone: PENDING, and an access token for the status call.
			answer.authentication_access_token = `sim-auth.${answer.transaction_id}`;
			this.issued.push(answer.authentication_access_token);
			return json(200, { ...answer, status: 'PENDING', verification: null });
		}
		this.applySignature(pkg, doc, field, ctx.user, input);
		return json(200, { ...answer, status: 'SIGNED', verification: field.verification });
	},

	/**
	 * Finish Processing (v3 1132, v4 specification): the recipient has done their part, and the
	 * workflow moves on. 1132 lists no refusal for signature fields left unsigned, so (assumed) it
	 * finishes anyway: the recipient is cut off, their unsigned fields stay unsigned (kept in
	 * `unsignedAtFinish` on the recipient).
	 */
	finish(ctx) {
		const pkg = this.packageOf(/^\d+$/.test(ctx.params[0]) ? ctx.params[0] : 0);
		if (!pkg) return DOCUMENTED.documentNotFound();
		const recipient = this.nextSigners(pkg).find((r) => same(r.user_email, ctx.user.email));
		if (!recipient) return DOCUMENTED.notOwner();
		const unsigned = pkg.documents.flatMap((doc) => this.fieldsOf(doc).filter((f) => SIGNATURE_KINDS.includes(f.kind) && f.order === recipient.order && f.process_status !== 'PROCESSED'));
		if (unsigned.length) recipient.unsignedAtFinish = unsigned.map((f) => f.field_name);
		this.sign(pkg.id, recipient.user_email, { signFields: false });
		return empty();
	},

	/** A recipient acting in SigningHub's web app signs every field assigned to them (called by sign()). */
	signFieldsOf(pkg, recipient) {
		const user = this.users.get(recipient.user_email.toLowerCase()) ?? { email: recipient.user_email };
		for (const doc of pkg.documents) {
			for (const field of this.fieldsOf(doc)) {
				if (SIGNATURE_KINDS.includes(field.kind) && field.order === recipient.order && field.process_status !== 'PROCESSED') this.applySignature(pkg, doc, field, user);
			}
		}
	},

	/** For tests: recipient `email` types `values` ({field name: value}) into document `documentId` of package `id`, as in the web app. */
	fillAs(id, documentId, email, values) {
		const pkg = this.packageOf(id);
		const doc = pkg?.documents.find((d) => String(d.id) === String(documentId));
		if (!doc) throw new Error(`package ${id} has no document ${documentId}`);
		const recipient = this.nextSigners(pkg).find((r) => same(r.user_email, email));
		if (!recipient) throw new Error(`it is not ${email}'s turn in package ${id}`);
		for (const [name, value] of Object.entries(values)) {
			const field = this.fieldsOf(doc).find((f) => f.field_name === name && VALUE_KINDS.includes(f.kind));
			if (!field) throw new Error(`document ${documentId} has no field ${name}`);
			Object.assign(field, typeof value === 'boolean' ? { value, checked: value } : { value: String(value) });
		}
		this.touch(pkg, 'FIELDS_FILLED', email, { type: 'DOCUMENT', value: doc.name });
	},
};

const DOC = String.raw`^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)`;
/** Routes of the fields calls: [method, pattern (version first), handler]. */
const FIELD_ROUTES = [
	['GET', new RegExp(`${DOC}\\/details$`), 'documentDetails'],
	['GET', new RegExp(`${DOC}\\/fields\\/(\\d+)$`), 'getFields'],
	['PUT', new RegExp(`${DOC}\\/fields$`), 'fillFields'],
	['POST', new RegExp(`${DOC}\\/fields\\/autoplace$`), 'autoplace'],
	['DELETE', new RegExp(`${DOC}\\/fields$`), 'deleteField'],
	['POST', /^\/(v4)\/packages\/([^/]+)\/documents\/(\d+)\/fields\/(signature|initials|in_person_signature|text|checkbox|radio|qrcode)$/, 'addField'],
	['POST', /^\/(v3)\/packages\/([^/]+)\/documents\/(\d+)\/fields\/(digital_signature|electronic_signature|initials|in_person_signature|text|checkbox|radio)$/, 'addField'],
	['POST', new RegExp(`${DOC}\\/sign$`), 'signDocument'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/finish$/, 'finish'],
];

module.exports = { fieldMethods, FIELD_ROUTES, formPdf, pdfFields, pdfTextRuns, FIELD_ASSUMED, FIELD_DOCUMENTED };
