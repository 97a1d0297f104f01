/**
 * Reads QDA-XML (the .qde project file and the <CodeBook> of a .qdc) into RefiProject with
 * fast-xml-parser: no DOM, so it runs in a worker, the renderer and the CLI alike.
 */
import { describeError } from "../describeError";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { RefiError, quoted } from "./errors";
import type {
  RefiCase,
  RefiCode,
  RefiCoding,
  RefiNote,
  RefiOtherSelection,
  RefiPlainTextSelection,
  RefiProject,
  RefiSet,
  RefiSource,
  RefiSourceKind,
  RefiUser,
  RefiVariable,
  RefiVariableType,
  RefiVariableValue,
} from "./types";

/** One parsed element: attributes under "@name", children as arrays by tag, text under "#text". */
export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

export function decodeXml(bytes: Uint8Array, fileName: string): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new RefiError(fileName, `${quoted(fileName)} is not UTF-8 XML, so it cannot be read.`, null, { cause: error });
  }
}

/** Parses XML text and returns its root element, checking the root's name. */
export function parseRoot(xml: string, fileName: string, rootName: string): XNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const tag = /'([^']+)'/.exec(valid.err.msg)?.[1] ?? null;
    throw new RefiError(
      fileName,
      `${quoted(fileName)} has malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
      tag,
    );
  }
  let doc: XNode;
  try {
    doc = parser.parse(xml) as XNode;
  } catch (error) {
    // The parser's own limits (nesting depth, entity expansion) throw plain Errors without the file.
    const detail = describeError(error);
    const why = /nested tags/i.test(detail) ? "its elements are nested more deeply than Margin reads" : "the XML parser stopped";
    throw new RefiError(fileName, `${quoted(fileName)} could not be read: ${why} (${detail}).`, null, { cause: error });
  }
  const rootKey = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#") && !k.startsWith("!"));
  if (rootKey !== rootName) {
    throw new RefiError(
      fileName,
      `${quoted(fileName)} is not a REFI-QDA ${rootName === "Project" ? "project" : "codebook"}: its root element is <${rootKey ?? "nothing"}>, not <${rootName}>.`,
      rootKey ?? null,
    );
  }
  return kids(doc, rootName)[0] ?? {};
}

export function attr(node: XNode, name: string): string | undefined {
  const v = node[`@${name}`];
  return typeof v === "string" ? v : undefined;
}

export function kids(node: XNode, name: string): XNode[] {
  const v = node[name];
  if (!Array.isArray(v)) return [];
  return v.map((k: unknown) => (typeof k === "string" ? { "#text": k } : (k as XNode)));
}

export function textOf(node: XNode): string {
  const t = node["#text"];
  if (Array.isArray(t)) return t.map(String).join("");
  return typeof t === "string" ? t : "";
}

export function childText(node: XNode, name: string): string | undefined {
  const k = kids(node, name)[0];
  return k ? textOf(k) : undefined;
}

/** Reads required attributes and reports the element when one is missing or wrong. */
export class Reader {
  constructor(readonly fileName: string) {}

  fail(element: string, problem: string): never {
    throw new RefiError(this.fileName, `${quoted(this.fileName)} has a malformed <${element}> element: ${problem}.`, element);
  }

  need(node: XNode, element: string, name: string): string {
    const v = attr(node, name);
    if (v === undefined) this.fail(element, `it has no ${name} attribute${this.where(node)}`);
    return v;
  }

  int(node: XNode, element: string, name: string): number {
    const raw = this.need(node, element, name);
    if (!/^\s*-?\d+\s*$/.test(raw)) this.fail(element, `${name}="${raw}" is not a whole number${this.where(node)}`);
    return Number.parseInt(raw, 10);
  }

  private where(node: XNode): string {
    const g = attr(node, "guid");
    return g ? ` (guid ${g})` : "";
  }
}

const refs = (node: XNode, tag: string): string[] =>
  kids(node, tag)
    .map((k) => attr(k, "targetGUID"))
    .filter((g): g is string => g !== undefined);

function codings(r: Reader, node: XNode): RefiCoding[] {
  return kids(node, "Coding").map((c) => {
    const ref = kids(c, "CodeRef")[0];
    if (!ref) r.fail("Coding", `it has no <CodeRef>${attr(c, "guid") ? ` (guid ${attr(c, "guid")})` : ""}`);
    return {
      guid: r.need(c, "Coding", "guid"),
      codeGuid: r.need(ref, "CodeRef", "targetGUID"),
      creatingUser: attr(c, "creatingUser"),
      creationDateTime: attr(c, "creationDateTime"),
    };
  });
}

export function readCodes(r: Reader, codesParent: XNode): RefiCode[] {
  return kids(codesParent, "Code").map((c): RefiCode => {
    const codable = attr(c, "isCodable");
    const noteRefs = refs(c, "NoteRef");
    return {
      guid: r.need(c, "Code", "guid"),
      name: r.need(c, "Code", "name"),
      color: attr(c, "color"),
      description: childText(c, "Description"),
      isCodable: codable === undefined ? true : codable.trim() === "true" || codable.trim() === "1",
      children: readCodes(r, c),
      ...(noteRefs.length > 0 ? { noteRefs } : {}),
    };
  });
}

function variableValues(r: Reader, node: XNode): RefiVariableValue[] {
  return kids(node, "VariableValue").map((v) => {
    const ref = kids(v, "VariableRef")[0];
    if (!ref) r.fail("VariableValue", "it has no <VariableRef>");
    const valueTag = ["TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"].find(
      (t) => kids(v, t).length > 0,
    );
    return { variableGuid: r.need(ref, "VariableRef", "targetGUID"), value: valueTag ? (childText(v, valueTag) ?? "") : null };
  });
}

const SOURCE_TAGS: Record<string, RefiSourceKind> = {
  TextSource: "text",
  PDFSource: "pdf",
  PictureSource: "picture",
  AudioSource: "audio",
  VideoSource: "video",
};
const OTHER_SELECTIONS = ["PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection"];

function selection(r: Reader, s: XNode): RefiPlainTextSelection {
  return {
    guid: r.need(s, "PlainTextSelection", "guid"),
    name: attr(s, "name"),
    description: childText(s, "Description"),
    startPosition: r.int(s, "PlainTextSelection", "startPosition"),
    endPosition: r.int(s, "PlainTextSelection", "endPosition"),
    creatingUser: attr(s, "creatingUser"),
    creationDateTime: attr(s, "creationDateTime"),
    codings: codings(r, s),
    noteRefs: refs(s, "NoteRef"),
  };
}

function source(r: Reader, tag: string, kind: RefiSourceKind, s: XNode, unsupported: Record<string, number>): RefiSource {
  const guid = r.need(s, tag, "guid");
  const others: RefiOtherSelection[] = [];
  for (const t of OTHER_SELECTIONS) {
    for (const o of kids(s, t)) others.push({ guid: r.need(o, t, "guid"), element: t, name: attr(o, "name"), codings: codings(r, o) });
  }
  // PDF and transcript text (Representation, Transcript) hold selections too: counted so the report names them.
  for (const t of ["Representation", "Transcript", "TextDescription"]) {
    for (const rep of kids(s, t)) {
      for (const sel of kids(rep, "PlainTextSelection"))
        others.push({
          guid: r.need(sel, "PlainTextSelection", "guid"),
          element: `PlainTextSelection in <${t}>`,
          name: attr(sel, "name"),
          codings: codings(r, sel),
        });
      unsupported[t] = (unsupported[t] ?? 0) + 1;
    }
  }
  return {
    guid,
    name: attr(s, "name") ?? "",
    kind,
    description: childText(s, "Description"),
    plainTextPath: attr(s, "plainTextPath"),
    richTextPath: attr(s, "richTextPath"),
    path: attr(s, "path"),
    plainTextContent: childText(s, "PlainTextContent"),
    creatingUser: attr(s, "creatingUser"),
    creationDateTime: attr(s, "creationDateTime"),
    selections: kind === "text" ? kids(s, "PlainTextSelection").map((x) => selection(r, x)) : [],
    otherSelections: others,
    codings: codings(r, s),
    noteRefs: refs(s, "NoteRef"),
    variableValues: variableValues(r, s),
  };
}

const VARIABLE_TYPES: readonly RefiVariableType[] = ["Text", "Boolean", "Integer", "Float", "Date", "DateTime"];
const PROJECT_CHILDREN = new Set([
  "Users",
  "CodeBook",
  "Variables",
  "Cases",
  "Sources",
  "Notes",
  "Links",
  "Sets",
  "Graphs",
  "Description",
  "NoteRef",
]);

/** The .qde's <Project> element as data. Notes' plainTextPath content is filled in by the importer. */
export function readProject(xml: string, fileName: string): RefiProject {
  const r = new Reader(fileName);
  const root = parseRoot(xml, fileName, "Project");
  for (const key of Object.keys(root)) {
    if (key.startsWith("@") || key.startsWith("#")) continue;
    if (!PROJECT_CHILDREN.has(key)) r.fail(key, "Margin does not know this element inside <Project> (QDA-XML 1.0)");
  }
  const unsupported: Record<string, number> = {};
  const users: RefiUser[] = kids(kids(root, "Users")[0] ?? {}, "User").map((u) => ({
    guid: r.need(u, "User", "guid"),
    name: attr(u, "name") ?? "",
    id: attr(u, "id"),
  }));
  const codebook = kids(root, "CodeBook")[0];
  const codes = codebook ? readCodes(r, kids(codebook, "Codes")[0] ?? {}) : [];
  const variables: RefiVariable[] = kids(kids(root, "Variables")[0] ?? {}, "Variable").map((v) => {
    const type = r.need(v, "Variable", "typeOfVariable") as RefiVariableType;
    if (!VARIABLE_TYPES.includes(type)) r.fail("Variable", `typeOfVariable="${type}" is not one of ${VARIABLE_TYPES.join(", ")}`);
    return {
      guid: r.need(v, "Variable", "guid"),
      name: r.need(v, "Variable", "name"),
      typeOfVariable: type,
      description: childText(v, "Description"),
    };
  });
  const cases: RefiCase[] = kids(kids(root, "Cases")[0] ?? {}, "Case").map((c) => {
    const selectionRefs = kids(c, "SelectionRef").length;
    if (selectionRefs > 0) unsupported["SelectionRef in <Case>"] = (unsupported["SelectionRef in <Case>"] ?? 0) + selectionRefs;
    return {
      guid: r.need(c, "Case", "guid"),
      name: attr(c, "name") ?? "",
      description: childText(c, "Description"),
      codeRefs: refs(c, "CodeRef"),
      variableValues: variableValues(r, c),
      memberSources: [...refs(c, "SourceRef"), ...refs(c, "MemberSource")],
    };
  });
  const sources: RefiSource[] = [];
  const sourcesNode = kids(root, "Sources")[0];
  if (sourcesNode) {
    for (const key of Object.keys(sourcesNode)) {
      if (key.startsWith("@") || key.startsWith("#")) continue;
      const kind =
        SOURCE_TAGS[key] ??
        r.fail(key, "it is not a QDA-XML 1.0 source type (TextSource, PDFSource, PictureSource, AudioSource, VideoSource)");
      for (const s of kids(sourcesNode, key)) sources.push(source(r, key, kind, s, unsupported));
    }
  }
  const notes: RefiNote[] = kids(kids(root, "Notes")[0] ?? {}, "Note").map((n) => ({
    guid: r.need(n, "Note", "guid"),
    name: attr(n, "name"),
    description: childText(n, "Description"),
    text: childText(n, "PlainTextContent") ?? "",
    plainTextPath: attr(n, "plainTextPath"),
    creatingUser: attr(n, "creatingUser"),
    creationDateTime: attr(n, "creationDateTime"),
    modifiedDateTime: attr(n, "modifiedDateTime"),
  }));
  const sets: RefiSet[] = kids(kids(root, "Sets")[0] ?? {}, "Set").map((s) => ({
    guid: r.need(s, "Set", "guid"),
    name: attr(s, "name") ?? "",
    description: childText(s, "Description"),
    memberCodes: refs(s, "MemberCode"),
    memberSources: refs(s, "MemberSource"),
    memberNotes: refs(s, "MemberNote"),
  }));
  const linkNodes = kids(kids(root, "Links")[0] ?? {}, "Link");
  const links = linkNodes.length;
  if (links > 0) unsupported.Link = links;
  const graphs = kids(kids(root, "Graphs")[0] ?? {}, "Graph").length;
  if (graphs > 0) unsupported.Graph = graphs;
  return {
    name: attr(root, "name") ?? "",
    origin: attr(root, "origin"),
    creatingUserGuid: attr(root, "creatingUserGUID"),
    creationDateTime: attr(root, "creationDateTime"),
    modifiedDateTime: attr(root, "modifiedDateTime"),
    basePath: attr(root, "basePath"),
    description: childText(root, "Description"),
    users,
    codes,
    variables,
    cases,
    sources,
    notes,
    projectNoteRefs: refs(root, "NoteRef"),
    sets,
    links: linkNodes.map((l) => ({ originGuid: attr(l, "originGUID"), targetGuid: attr(l, "targetGUID") })),
    unsupported,
  };
}
