/**
 * Reads what should make a skill fire out of its description: quoted phrases, keyword lists, prose
 * when-clauses and, kept apart, Not-for clauses.
 *
 * <p>May import: {@code model}.
 */
package dev.skillsite.triggers;
