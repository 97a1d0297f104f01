/** The drag-data type of a text selection dragged from a transcript onto a code (viewer → codebook). */
export const SELECTION_DRAG_TYPE = "application/x-margin-selection";
