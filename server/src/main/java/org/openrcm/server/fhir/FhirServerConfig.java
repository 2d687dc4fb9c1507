package org.openrcm.server.fhir;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Assembles HAPI FHIR JPA (R4) into the Spring Boot application and serves it at {@code /fhir/*}.
 *
 * <p>HAPI's own configuration classes provide the storage, search, terminology, batch and subscription services;
 * this class supplies what they expect from the host (settings, entity manager factory, transaction manager) and
 * builds the {@link RestfulServer}. Features contribute their providers and interceptors as Spring beans of type
 * {@link FhirServerContribution}; nothing feature-specific is registered here.
 */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionSubmitterConfig.class,
	SubscriptionProcessorConfig.class,
	SubscriptionChannelConfig.class,
	ThreadPoolFactoryConfig.class
})
public class FhirServerConfig {

	/** The logger of the one-line-per-request log; features that answer a request themselves log there too. */
	public static final String REQUEST_LOG = "org.openrcm.requests";

	/** The path the FHIR servlet is mapped to; the tenant is the first segment after it. */
	public static final String FHIR_PATH = "/fhir";

	@Bean
	static ServedResourceTypes servedResourceTypes(Environment environment) {
		List<String> configured = Binder.get(environment)
				.bind("openrcm.fhir.resource-types", Bindable.listOf(String.class))
				.orElse(ServedResourceTypes.DEFAULT);
		Set<String> known = FhirContext.forR4Cached().getResourceTypes();
		return new ServedResourceTypes(configured, known);
	}

	@Bean
	public JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		// A reference must point at a resource that exists in the same tenant.
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		// No match-URL cache: HAPI never invalidates it, so after a delete (or a changed identifier) a conditional
		// create would still match the old resource and answer 410 instead of creating it again.
		settings.setMatchUrlCacheEnabled(false);
		settings.setAllowMultipleDelete(false);
		settings.setExpungeEnabled(false);
		// Resources are found by search parameters in the database; Hibernate Search (Lucene) indexes terminology.
		settings.setHibernateSearchIndexFullText(false);
		settings.setHibernateSearchIndexSearchParams(false);
		// Batch jobs ($export) move to their next step as soon as a step is done, instead of waiting for the
		// once-a-minute maintenance pass (a small export then finishes in seconds, not minutes).
		settings.setJobFastTrackingEnabled(true);
		return settings;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		PartitionSettings settings = new PartitionSettings();
		settings.setPartitioningEnabled(true);
		// Tenants are isolated: a reference can never cross from one practice's data to another's.
		settings.setAllowReferencesAcrossPartitions(PartitionSettings.CrossPartitionReferenceMode.NOT_ALLOWED);
		// Two practices may hold the same business identifier (an MRN, a visit number). HAPI's default guards
		// conditional creates across all partitions, which would refuse the second practice's patient and tell it
		// that another tenant has that identifier.
		settings.setConditionalCreateDuplicateIdentifiersEnabled(true);
		return settings;
	}

	@Bean
	public SubscriptionSettings subscriptionSettings() {
		SubscriptionSettings settings = new SubscriptionSettings();
		settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
		return settings;
	}

	@Bean
	public IEmailSender emailSender() {
		return details -> {
			throw new UnsupportedOperationException("OpenRCM does not deliver Subscriptions by e-mail");
		};
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties,
			DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		java.util.Map<String, String> properties = new java.util.HashMap<>(jpaProperties.getProperties());
		properties.putIfAbsent(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
		properties.putIfAbsent(AvailableSettings.HBM2DDL_AUTO, "update");
		properties.putIfAbsent(AvailableSettings.STATEMENT_BATCH_SIZE, "30");
		properties.putIfAbsent(AvailableSettings.ORDER_INSERTS, "true");
		properties.putIfAbsent(AvailableSettings.ORDER_UPDATES, "true");
		properties.putIfAbsent(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
		properties.putIfAbsent(AvailableSettings.USE_QUERY_CACHE, "false");
		factory.setJpaPropertyMap(properties);
		return factory;
	}

	@Primary
	@Bean
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	@Bean
	public RestfulServer restfulServer(
			FhirContext fhirContext,
			FhirServerProperties properties,
			IFhirSystemDao<Bundle, Meta> systemDao,
			JpaSystemProvider<Bundle, Meta> systemProvider,
			@Qualifier("myResourceProvidersR4") ResourceProviderFactory resourceProviders,
			ValueSetOperationProvider valueSetOperationProvider,
			BulkDataExportProvider bulkDataExportProvider,
			ServedResourceTypes servedResourceTypes,
			IJobMaintenanceService jobMaintenance,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			ObjectProvider<FhirServerContribution> contributions) {
		fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());
		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());

		RestfulServer server = new RestfulServer(fhirContext);
		server.setImplementationDescription("OpenRCM revenue-cycle FHIR server");
		List<IResourceProvider> providers = resourceProviders.createProviders().stream()
				.map(IResourceProvider.class::cast)
				.toList();
		server.registerProviders(providers);
		server.registerProviders(systemProvider, valueSetOperationProvider, bulkDataExportProvider);
		server.registerInterceptor(new BulkExportKickOffInterceptor(servedResourceTypes.served()));
		server.registerInterceptor(new BulkExportPollInterceptor(jobMaintenance));
		server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport));
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		if (!properties.serverAddress().isBlank()) {
			server.setServerAddressStrategy(new HardcodedServerAddressStrategy(properties.serverAddress()));
		}
		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(new OpenApiInterceptor());
		server.registerInterceptor(requestLog());
		contributions.orderedStream().forEach(contribution -> contribution.contributeTo(server));
		return server;
	}

	/** One line per request, without query strings or bodies: URLs can carry names and birth dates (PHI). */
	private static LoggingInterceptor requestLog() {
		LoggingInterceptor log = new LoggingInterceptor();
		log.setLoggerName(REQUEST_LOG);
		log.setMessageFormat(
				"${requestVerb} ${operationType} ${idOrResourceName} ${processingTimeMillis}ms");
		log.setErrorMessageFormat(
				"ERROR ${requestVerb} ${operationType} ${idOrResourceName} ${processingTimeMillis}ms");
		log.setLogExceptions(false);
		return log;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
			FhirContext fhirContext, FhirServerProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(fhirContext, properties.maxRequestBody().toBytes()));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}
}
