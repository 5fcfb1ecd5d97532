/**
 * The load stage: reads a content tree (folders of {@code SKILL.md} files, optional
 * {@code .claude-plugin/marketplace.json}, {@code plugin.json} files and {@code skillsite.yaml}) into a
 * {@link dev.skillsite.model.Catalog}. {@link dev.skillsite.content.ContentLoader} is the only public class;
 * everything else is one package-private step of it.
 */
package dev.skillsite.content;
