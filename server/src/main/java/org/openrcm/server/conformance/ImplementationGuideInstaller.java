package org.openrcm.server.conformance;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import org.openrcm.ig.OpenRcmIg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the OpenRCM implementation guide (the NPM package built by the {@code ig} module) into the server at
 * start-up: its StructureDefinitions, ValueSets and other conformance resources are stored in the {@code DEFAULT}
 * tenant, where every tenant's validation finds them. Runs before the server reports ready; installing the same
 * package again updates only what changed.
 */
@Component
@Order(10)
class ImplementationGuideInstaller implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

	private final IPackageInstallerSvc packageInstaller;

	ImplementationGuideInstaller(IPackageInstallerSvc packageInstaller) {
		this.packageInstaller = packageInstaller;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		PackageInstallationSpec spec = new PackageInstallationSpec()
				.setName(OpenRcmIg.PACKAGE_NAME)
				.setVersion(OpenRcmIg.PACKAGE_VERSION)
				.setPackageContents(OpenRcmIg.packageBytes())
				.setFetchDependencies(false)
				.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL);
		PackageInstallOutcomeJson outcome = packageInstaller.install(spec);
		log.info(
				"Installed implementation guide {}#{} in {} ms: {}",
				OpenRcmIg.PACKAGE_NAME,
				OpenRcmIg.PACKAGE_VERSION,
				(System.nanoTime() - start) / 1_000_000,
				outcome.getResourcesInstalled());
	}
}
