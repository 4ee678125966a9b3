/** The built CLI's entry to run, or null for the sources (see cliBundle.js). */
export declare const currentBundle: (root: URL) => URL | null;
