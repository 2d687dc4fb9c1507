package org.openrcm.server.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.openrcm.terminology.StarterTerminology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the code sets OpenRCM ships ({@link StarterTerminology}) as CodeSystems in the {@code DEFAULT} tenant at
 * start-up, so a fresh server can validate, for example, place-of-service codes at once. A code system version
 * already stored is left alone; an operator's newer import is never overwritten.
 */
@Component
@Order(20)
class StarterTerminologyInstaller implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StarterTerminologyInstaller.class);

	private final DaoRegistry daoRegistry;

	StarterTerminologyInstaller(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Override
	public void run(ApplicationArguments args) {
		IFhirResourceDao<CodeSystem> dao = daoRegistry.getResourceDao(CodeSystem.class);
		for (CodeSystem codeSystem : StarterTerminology.codeSystems()) {
			SearchParameterMap existing = SearchParameterMap.newSynchronous()
					.add(CodeSystem.SP_URL, new UriParam(codeSystem.getUrl()))
					.add(CodeSystem.SP_VERSION, new TokenParam(codeSystem.getVersion()));
			if (!dao.search(existing, new SystemRequestDetails()).isEmpty()) {
				continue;
			}
			codeSystem.setId(codeSystem.getIdElement().getIdPart() + "-" + codeSystem.getVersion().replace('_', '-'));
			dao.update(codeSystem, new SystemRequestDetails());
			log.info("Stored starter code system {} version {} ({} codes)",
					codeSystem.getUrl(), codeSystem.getVersion(), codeSystem.getConcept().size());
		}
	}
}
