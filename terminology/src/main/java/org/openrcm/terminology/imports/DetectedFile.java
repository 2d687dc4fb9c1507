package org.openrcm.terminology.imports;

import java.nio.file.Path;

/**
 * A file the importer recognised.
 *
 * @param path the file
 * @param kind what it holds
 * @param version the release, as the file name says it (e.g. {@code 2024}, {@code 2024-04}, {@code 2024-07},
 *                {@code 2024Q3}, {@code 41.1}, {@code 25.1}); {@code null} when the name does not say and the loader
 *                takes it from the content (ICD-10-CM tabular {@code <version>})
 */
public record DetectedFile(Path path, CodeSetKind kind, String version) {}
