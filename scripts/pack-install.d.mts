/** The repository root. */
export declare const root: string;
/** Packs sonorisk and installs the tarball into an empty temp folder (cached per tarball content). */
export declare function packAndInstall(): { dir: string; tarball: string };
