package dev.skillsite.build;

import dev.skillsite.site.SiteGenerator;

/**
 * A published site and what its build knew, kept by a watching server so that an edit to one
 * skill's files can be shown without a full build ({@link BuildPipeline#refresh}).
 */
public record LiveSite(BuildOptions options, SiteGenerator.Snapshot snapshot) {}
