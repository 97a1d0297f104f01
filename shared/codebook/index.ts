/**
 * Codebook files: descriptions, paths, the import plan, CSV import/export. DOCX outlines are in
 * ./docxOutline, imported on their own so the CSV path does not pull mammoth into a bundle.
 */
export * from "./description";
export * from "./path";
export * from "./plan";
export * from "./csv";
