/**
 * The output folder: where a site may be written, the atomic swap of a staging folder, hard links
 * to unchanged published files, the lock of one writer per folder.
 *
 * <p>May import: no other skillsite package.
 */
package dev.skillsite.output;
