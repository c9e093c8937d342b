export declare const LAYERS: Record<string, string[]>;
export declare const SHARED_ROOT_FILES: string[];
export declare const CORE_PACKAGES: string[];
export declare function importsOf(source: string): string[];
export declare function checkLayers(files: Record<string, string>): string[];
export declare function readSources(srcDir: string): Record<string, string>;
