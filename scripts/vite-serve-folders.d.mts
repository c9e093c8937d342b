import type { Plugin } from 'vite';
export declare function serveFolders(folders: Record<string, string[]>): Plugin;
export declare function codecFolders(nodeModules: string): string[];
