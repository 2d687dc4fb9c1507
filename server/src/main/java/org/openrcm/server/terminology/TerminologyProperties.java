package org.openrcm.server.terminology;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where code-set files come from, under {@code openrcm.terminology.*}.
 *
 * @param importDir a folder of publisher files (CDC, CMS, NUCC, X12; see the terminology module's README) loaded in
 *                  the background at start-up; {@code null} (the default) serves the starter set only. Env
 *                  {@code OPENRCM_TERMINOLOGY_IMPORT_DIR}.
 * @param snapshotDir where binary snapshots of the parsed tables are kept, so a restart reads them instead of the
 *                    text files; default {@code <openrcm.data-dir>/terminology-snapshots}
 */
@ConfigurationProperties("openrcm.terminology")
public record TerminologyProperties(Path importDir, Path snapshotDir) {}
