/**
 * The output folder: where a site may be written, the atomic swap of a staging folder, hard links
 * to unchanged published files, the code identity the build cache is keyed by.
 *
 * <p>May import: no other skillsite package.
 */
package dev.skillsite.output;
