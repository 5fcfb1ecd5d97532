/**
 * The Solr plugin: skillsite's analysis chains as analyzers a Solr schema names. Packed with the
 * classes they use into {@code skillsite-solr-plugin.jar} (the Maven build's {@code solr-plugin}
 * jar, and {@code export --solr}).
 */
package dev.skillsite.solr.plugin;
