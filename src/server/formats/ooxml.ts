/**
 * What an uploaded Word or Excel file (OOXML, ISO/IEC 29500) may contain (issue 16 M5): an
 * allow-list of part names and of relationship types, nothing that Office would run, embed or fetch.
 * Refused: macros (vbaProject, macroEnabled content types), OLE objects, packages and other embedded
 * archives, ActiveX controls, altChunk (a whole other document inside), remote templates and every
 * other relationship to an outside target (TargetMode="External") except a hyperlink to an http,
 * https or mailto address, which opens only when a reader clicks it. Pure string work over the names
 * and the small XML parts; the inflating is done in the worker (archive-inflate.ts).
 */

export type OoxmlKind = 'docx' | 'xlsx';

const MAIN_FOLDER: Record<OoxmlKind, string> = { docx: 'word', xlsx: 'xl' };
const IMAGE = 'png|jpe?g|gif|bmp|tiff?|emf|wmf|svg';

/** Part names allowed anywhere in the package. */
const COMMON_PARTS = [
  /^\[Content_Types\]\.xml$/, /^_rels\/\.rels$/,
  /^docProps\/(core|app|custom)\.xml$/, new RegExp(`^docProps\\/thumbnail\\.(${IMAGE})$`, 'i'),
  /^customXml\/(item\d+|itemProps\d+)\.xml$/, /^customXml\/_rels\/item\d+\.xml\.rels$/,
];

/** Part names allowed in the main folder (word/ or xl/). */
const mainParts = (folder: string) => [
  new RegExp(`^${folder}\\/([A-Za-z0-9_.-]+\\/)*[A-Za-z0-9_.-]+\\.xml$`),
  new RegExp(`^${folder}\\/([A-Za-z0-9_.-]+\\/)*_rels\\/[A-Za-z0-9_.-]+\\.(xml|vml)\\.rels$`),
  new RegExp(`^${folder}\\/media\\/[A-Za-z0-9_.-]+\\.(${IMAGE})$`, 'i'),
  new RegExp(`^${folder}\\/drawings\\/[A-Za-z0-9_.-]+\\.vml$`),
  // Printer settings are a DEVMODE record Word and Excel keep; nothing in them runs.
  new RegExp(`^${folder}\\/printerSettings\\/printerSettings\\d+\\.bin$`),
  // Fonts embedded in a Word document (仿宋_GB2312 in official papers), obfuscated as ECMA-376 requires.
  ...(folder === 'word' ? [/^word\/fonts\/[A-Za-z0-9_.{}-]+\.odttf$/] : []),
];

/** Folders and names refused whatever their extension: embeddings, ActiveX, macros. */
const REFUSED_PARTS = [/(^|\/)embeddings\//i, /(^|\/)activeX\//i, /vbaProject\.bin$/i, /vbaData\.xml$/i, /(^|\/)externalLinks\//i];

/** The last segment of the relationship types allowed (transitional, strict and Microsoft namespaces alike). */
const ALLOWED_RELATIONSHIPS = new Set([
  'officeDocument', 'core-properties', 'extended-properties', 'custom-properties', 'thumbnail',
  'styles', 'stylesWithEffects', 'settings', 'webSettings', 'fontTable', 'theme', 'themeOverride', 'numbering',
  'footnotes', 'endnotes', 'header', 'footer', 'comments', 'commentsExtended', 'commentsIds', 'commentsExtensible', 'people', 'person',
  'image', 'hyperlink', 'font', 'customXml', 'customXmlProps', 'glossaryDocument', 'keyMapCustomizations',
  'diagramData', 'diagramLayout', 'diagramQuickStyle', 'diagramColors', 'diagramDrawing',
  'chart', 'chartUserShapes', 'chartStyle', 'chartColorStyle',
  'worksheet', 'chartsheet', 'sharedStrings', 'calcChain', 'drawing', 'vmlDrawing', 'table', 'tableSingleCells',
  'pivotTable', 'pivotCacheDefinition', 'pivotCacheRecords', 'printerSettings', 'threadedComment', 'threadedComments',
  'namedSheetView', 'sheetMetadata', 'slicer', 'slicerCache', 'timeline', 'timelineCache', 'richStyles', 'richValue', 'richValueRel', 'richValueTypes', 'rdRichValue', 'rdRichValueStructure', 'rdRichValueTypes', 'rdArray', 'rdSupportingPropertyBag', 'rdSupportingPropertyBagStructure',
]);

/** Content types that mean a macro, an embedded object or a control, whatever the part is called. */
const REFUSED_CONTENT_TYPE = /macroEnabled|vbaProject|vbaData|oleObject|activeX|officedocument\.package|msdownload|x-msi|x-ms-|shockwave|java|x-sh\b/i;

export type OoxmlProblem = string | null;

/** Part names against the allow-list; null when all are allowed. */
export function refusedPart(kind: OoxmlKind, names: readonly string[]): OoxmlProblem {
  const main = mainParts(MAIN_FOLDER[kind]);
  for (const n of names) {
    if (n.endsWith('/')) continue; // a folder entry holds nothing
    if (REFUSED_PARTS.some((re) => re.test(n))) return `含有嵌入对象、控件或宏（${n}）`;
    if (!COMMON_PARTS.some((re) => re.test(n)) && !main.some((re) => re.test(n))) return `含有不允许的部件（${n}）`;
  }
  return null;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag)?.slice(2).find((x) => x !== undefined);

/** A relationships part against the allow-list of types and targets. */
export function refusedRelationships(partName: string, xml: string): OoxmlProblem {
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const type = attr(m[0], 'Type') ?? '';
    const target = attr(m[0], 'Target') ?? '';
    const external = (attr(m[0], 'TargetMode') ?? '').toLowerCase() === 'external';
    const last = type.split('/').pop() ?? '';
    if (!ALLOWED_RELATIONSHIPS.has(last)) return `含有不允许的关系类型 ${last || type}（${partName}）`;
    if (external && !(last === 'hyperlink' && /^(https?:\/\/|mailto:)/i.test(target))) return `含有指向外部的关系 ${last}（${target.slice(0, 80)}）`;
    if (!external && /^[a-z][a-z0-9+.-]*:/i.test(target)) return `关系的目标不是文件内的部件（${target.slice(0, 80)}）`;
  }
  return null;
}

/** [Content_Types].xml: no macro, OLE or ActiveX type, and the main part is the plain document or workbook. */
export function refusedContentTypes(kind: OoxmlKind, xml: string): OoxmlProblem {
  for (const m of xml.matchAll(/<(?:\w+:)?(Default|Override)\b[^>]*>/g)) {
    const type = attr(m[0], 'ContentType') ?? '';
    if (REFUSED_CONTENT_TYPE.test(type)) return `含有宏、嵌入对象或控件的内容类型（${type}）`;
  }
  const main = kind === 'docx' ? 'wordprocessingml.document.main+xml' : 'spreadsheetml.sheet.main+xml';
  if (!xml.includes(main)) return kind === 'docx' ? '不是普通的 Word 文档（.docx）' : '不是普通的 Excel 工作簿（.xlsx）';
  return null;
}
