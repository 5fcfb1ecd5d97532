/**
 * The security audit of what a skill would make an agent do: a data-driven rule table, a scanner
 * over decoded views of every file of a skill (SKILL.md, frontmatter, references, scripts, assets),
 * detectors for what a pattern cannot say, and the findings with their severity, place and excerpt.
 *
 * <p>May import: {@code model}.
 */
package dev.skillsite.audit;
