// The packed package (vitest.browser.config.ts resolves `sonorisk` to the installed tarball).
export * from 'sonorisk';
