export interface NotebookCell {
  cell_type: string;
  source: string[] | string;
  outputs?: { output_type: string; name?: string; text?: string[] | string }[];
}
export interface Notebook {
  cells: NotebookCell[];
  metadata: { kernelspec?: { name?: string } };
}
export declare const NOTEBOOK: string;
export declare function codeCells(notebook: Notebook): string[];
export declare function runNotebook(notebook: Notebook): { dir: string; file: string; outputs: string[] };
export declare function storedOutput(cell: NotebookCell): string;
