package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * PHI never reaches the log: a realistic set of requests carrying distinctive PHI markers (a patient's name, birth
 * date, member id and an SSN-like identifier) in bodies, search parameters, conditional headers, bad requests that
 * quote them and X12 files (good and broken) that name the patient, while a Logback appender captures every line
 * the server writes at INFO and above (DEBUG for OpenRCM's own loggers), exceptions included.
 */
@OpenRcmServerTest
class PhiLoggingIT {

	static final String FAMILY = "Quillfeatherxyz";
	static final String GIVEN = "Ottoline";
	static final String BIRTH_DATE = "1948-02-29";
	static final String MEMBER_ID = "MBRQ77123456";
	static final String SSN = "987-65-4329";
	static final List<String> MARKERS = List.of(FAMILY, GIVEN, BIRTH_DATE, "19480229", MEMBER_ID, SSN, "987654329");

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	private final Capture capture = new Capture();
	private Level openRcmLevel;

	@BeforeEach
	void capture() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		capture.setContext(context);
		capture.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
		Logger openRcm = context.getLogger("org.openrcm");
		openRcmLevel = openRcm.getLevel();
		openRcm.setLevel(Level.DEBUG);
	}

	@AfterEach
	void release() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
		context.getLogger("org.openrcm").setLevel(openRcmLevel);
		capture.stop();
	}

	@Test
	void noPhiMarkerAppearsInAnyLogLine() throws IOException {
		FhirHttp http = new FhirHttp(port);
		String tenant = http.createTenant();

		Patient patient = patient();
		FhirHttp.Response created = http.post(tenant, "Patient", patient);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String patientId = created.resource(Patient.class).getIdElement().getIdPart();
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE)
				.setSubscriberId(MEMBER_ID).setBeneficiary(new Reference("Patient/" + patientId));
		coverage.addPayor(new Reference("Patient/" + patientId));
		assertThat(http.post(tenant, "Coverage", coverage).status()).isEqualTo(201);

		// searches carrying PHI in the query string
		http.get(tenant, "Patient?family=" + FAMILY + "&birthdate=" + BIRTH_DATE);
		http.get(tenant, "Patient?identifier=http://hl7.org/fhir/sid/us-ssn%7C" + SSN);
		http.get(tenant, "Coverage?subscriber-id=" + MEMBER_ID);
		http.get(tenant, "Coverage?beneficiary.family=" + FAMILY);
		// bad requests quoting the PHI: an unparseable birth date, an unknown search parameter, a bad reference
		http.post(tenant, "Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + FAMILY
				+ "\"}],\"birthDate\":\"" + FAMILY + "-" + BIRTH_DATE + "\"}", FhirHttp.FHIR_JSON);
		http.post(tenant, "Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + FAMILY + "\"",
				FhirHttp.FHIR_JSON);
		http.get(tenant, "Patient?" + FAMILY + "=" + SSN);
		http.get(tenant, "Patient?birthdate=" + FAMILY);
		http.get(tenant, "Patient/" + FAMILY + "-" + MEMBER_ID);
		Coverage dangling = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId(MEMBER_ID)
				.setBeneficiary(new Reference("Patient/" + FAMILY));
		http.post(tenant, "Coverage", dangling);
		// a transaction with a conditional create on the SSN and a failing entry
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
				.setIfNoneExist("identifier=http://hl7.org/fhir/sid/us-ssn|" + SSN);
		transaction.addEntry().setResource(dangling).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Coverage");
		http.post(tenant, "", transaction);
		// X12: a remittance naming the patient, and a broken file with the name in a broken segment
		String remittance = fixture("/fixtures/remit/835-denial-and-remarks.edi").replace("CHEN*LI", FAMILY + "*"
				+ GIVEN).replace("MBR0002", MEMBER_ID);
		assertThat(remittance).contains(FAMILY);
		http.post(tenant, "$x12-ingest", remittance, "application/EDI-X12");
		String broken = remittance.replace("NM1*QC*1*" + FAMILY, "NM1*QC*1*" + FAMILY + "*" + SSN + "*" + BIRTH_DATE
				+ "*X*Y*Z*W*V*U*T*S*R");
		http.post(tenant, "$x12-ingest", broken, "application/EDI-X12");
		http.post(tenant, "$x12-ingest", "ISA*" + FAMILY + "*" + SSN + "~NM1*QC*1*" + FAMILY + "~",
				"application/EDI-X12");

		assertThat(environment.getProperty("server.tomcat.accesslog.enabled", Boolean.class, false))
				.as("Tomcat's access log (it would write query strings) is off").isFalse();
		List<String> lines = capture.lines();
		assertThat(lines).as("the appender sees the server's logging").isNotEmpty()
				.anySatisfy(line -> assertThat(line).contains("org.openrcm.requests"));
		for (String marker : MARKERS) {
			assertThat(lines).as("log lines with " + marker).noneSatisfy(line -> assertThat(line).contains(marker));
		}
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addName(new HumanName().setFamily(FAMILY).addGiven(GIVEN));
		patient.setBirthDateElement(new DateType(BIRTH_DATE));
		patient.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue(SSN);
		return patient;
	}

	private static String fixture(String path) throws IOException {
		try (InputStream in = PhiLoggingIT.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Every event as one text: logger, formatted message and the whole exception chain. */
	private static final class Capture extends AppenderBase<ILoggingEvent> {
		private final List<String> lines = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			boolean ours = event.getLoggerName().startsWith("org.openrcm");
			if (!ours && !event.getLevel().isGreaterOrEqual(Level.INFO)) {
				return;
			}
			StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getLevel())
					.append(' ').append(event.getFormattedMessage());
			IThrowableProxy thrown = event.getThrowableProxy();
			if (thrown != null) {
				text.append('\n').append(ThrowableProxyUtil.asString(thrown));
			}
			lines.add(text.toString());
		}

		List<String> lines() {
			return List.copyOf(lines);
		}
	}
}
