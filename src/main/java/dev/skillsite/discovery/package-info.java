/**
 * The machine-readable files agents read: {@code .well-known/agent-skills/index.json} and {@code
 * llms.txt}.
 *
 * <p>May import: {@code model}, {@code site}.
 */
package dev.skillsite.discovery;
