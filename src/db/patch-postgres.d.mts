/** The files of postgres.js (under `root`, the installed package by default) that lack the repair of patch-postgres.mjs. */
export declare const unrepairedPostgres: (root?: string) => string[]
