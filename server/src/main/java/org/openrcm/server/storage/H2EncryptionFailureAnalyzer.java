package org.openrcm.server.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link H2EncryptionException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public final class H2EncryptionFailureAnalyzer extends AbstractFailureAnalyzer<H2EncryptionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, H2EncryptionException cause) {
		return new FailureAnalysis("The embedded database's encryption does not fit: " + cause.getMessage(),
				"Fix openrcm.storage.h2-encryption-key-env / openrcm.storage.h2-encryption-key-file (README, "
						+ "\"Protection\") or the database file.", cause);
	}
}
