/**
 * Records only: the catalog, skills, collections, triggers, site settings, diagnostics and
 * positions. No I/O and no library types.
 *
 * <p>May import: no other skillsite package.
 */
package dev.skillsite.model;
