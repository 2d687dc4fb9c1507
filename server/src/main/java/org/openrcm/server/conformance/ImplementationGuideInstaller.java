package org.openrcm.server.conformance;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.packages.util.PackageUtils;
import java.util.List;
import java.util.stream.Stream;
import org.openrcm.ig.OpenRcmIg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the OpenRCM implementation guide (the NPM package built by the {@code ig} module) in the server: its
 * StructureDefinitions, ValueSets and other conformance resources go to the {@code DEFAULT} tenant, where clients
 * can read them. Installing the same package again updates only what changed. Validation does not depend on
 * this: the profile validator reads the same package from memory.
 */
final class ImplementationGuideInstaller {

	private static final Logger log = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

	/** HAPI's default types plus the IG's OperationDefinitions, so clients can read what each operation takes. */
	private static final List<String> INSTALL_TYPES = Stream.concat(
					PackageUtils.DEFAULT_INSTALL_TYPES.stream(), Stream.of("OperationDefinition"))
			.toList();

	private final IPackageInstallerSvc packageInstaller;

	ImplementationGuideInstaller(IPackageInstallerSvc packageInstaller) {
		this.packageInstaller = packageInstaller;
	}

	void install() {
		long start = System.nanoTime();
		try {
			PackageInstallationSpec spec = new PackageInstallationSpec()
					.setName(OpenRcmIg.PACKAGE_NAME)
					.setVersion(OpenRcmIg.PACKAGE_VERSION)
					.setPackageContents(OpenRcmIg.packageBytes())
					.setFetchDependencies(false)
					.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL);
			spec.setInstallResourceTypes(INSTALL_TYPES);
			PackageInstallOutcomeJson outcome = packageInstaller.install(spec);
			log.info(
					"Installed implementation guide {}#{} in {} ms: {}",
					OpenRcmIg.PACKAGE_NAME,
					OpenRcmIg.PACKAGE_VERSION,
					(System.nanoTime() - start) / 1_000_000,
					outcome.getResourcesInstalled());
		} catch (RuntimeException e) {
			log.error("Installing implementation guide {}#{} failed", OpenRcmIg.PACKAGE_NAME, OpenRcmIg.PACKAGE_VERSION, e);
		}
	}
}
