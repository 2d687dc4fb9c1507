package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.BillableClaims.Parties;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.PackagedServer;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;
import org.openrcm.server.x12.remit.Remittance835Writer;
import org.openrcm.server.x12.remit.RemittanceBalance;

/**
 * A payment posted exactly once across a crash, for real: the packaged server posts a large 835 (many FHIR
 * transactions of {@value #CHUNK} claims) posted to {@code $x12-ingest}, and is killed ({@code SIGKILL}, no shutdown
 * of any kind) while some but not all of its claims are posted. Restarted on the same data folder, it posts the file
 * it had stored before processing it, and the result is what one clean posting leaves: one adjudicated ClaimResponse,
 * one EOB and (when the patient owes something) one statement per claim, the denial Tasks once each, one
 * PaymentReconciliation with one detail per claim and the payment's amount. The same file, or the same payment in
 * another interchange, changes nothing afterwards. The clearinghouse rounds are off there, so that one posting runs
 * at a time; with them on, a round posts the same file concurrently (the second, disabled, test).
 *
 * <p>Runs in the H2 pass only: it kills the packaged jar on its embedded database. The servers' logs are kept in
 * {@code target/remittance-crash/}.
 */
class RemittanceCrashIT {

	/** Claims the 835 pays. */
	private static final int CLAIMS = 400;
	/** Claim payments per FHIR transaction of the posting ({@code openrcm.remittance.chunk-size}). */
	private static final int CHUNK = 20;
	/** The posting is killed once at least this many claims are posted. */
	private static final int KILL_AFTER = 120;
	/** Claims stored per transaction Bundle. */
	private static final int STORE_CHUNK = 200;
	private static final String TRACE = "EFT-CRASH-0001";
	private static final String PAYER_ID = "1371234567";
	private static final String X12 = "application/EDI-X12";
	private static final String DENIAL_QUEUE = "Task?code=" + OpenRcmIg.WORK_QUEUE_CODE_SYSTEM + "%7Cdenial";
	private static final Remittance835Writer WRITER = new Remittance835Writer(new X12InterchangeWriter(
			X12Schemas.load(), new InMemoryControlNumbers(), Clock.systemUTC()));
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "PRAIRIEPLAN", "ZZ", "OPENRCM", "PRAIRIEPLAN",
			"OPENRCM", X12Usage.TEST, false);

	@TempDir
	Path workDir;

	private final HttpClient client = HttpClient.newHttpClient();
	private int port;

	/** The servers' logs stay in {@code target/remittance-crash/<test>/} for whoever reads a failure. */
	@AfterEach
	void keepLogs(TestInfo test) throws IOException {
		Path kept = Path.of("target", "remittance-crash", test.getTestMethod().orElseThrow().getName());
		Files.createDirectories(kept);
		for (String log : List.of("first.log", "second.log", "server.log")) {
			Files.deleteIfExists(kept.resolve(log));
			if (Files.exists(workDir.resolve(log))) {
				Files.copy(workDir.resolve(log), kept.resolve(log), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	@Test
	void aLarge835KilledMidPostingEndsPostedExactlyOnceAfterTheRestart() throws Exception {
		port = PackagedServer.freePort();
		FhirHttp http = new FhirHttp(port);
		// no clearinghouse rounds: one posting at a time (see aFileBeingPostedIsNotPostedAgainByTheExchangeMeanwhile)
		List<String> arguments = List.of("--openrcm.remittance.chunk-size=" + CHUNK,
				"--openrcm.submission.scheduled=false");
		Path firstLog = workDir.resolve("first.log");
		Path secondLog = workDir.resolve("second.log");

		Process first = PackagedServer.start(workDir, port, firstLog, arguments, Map.of());
		String tenant;
		List<String> claims;
		Remittance remittance;
		WrittenInterchange file;
		long postedAtKill;
		try {
			PackagedServer.awaitReady(http, first);
			tenant = http.createTenant();
			Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
			claims = storeClaims(http, tenant, parties, CLAIMS);
			remittance = payment(claims, parties.serviceDate());
			assertThat(RemittanceBalance.of(remittance).messages()).as("the 835 balances").isEmpty();
			file = WRITER.write(ENVELOPE, List.of(remittance));

			String body = file.text();
			CompletableFuture<FhirHttp.Response> posting = CompletableFuture.supplyAsync(
					() -> http.post(tenant, "$x12-ingest", body, X12));
			postedAtKill = awaitPosted(tenant, posting);
		} finally {
			first.destroyForcibly();
		}
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(postedAtKill).as("killed in the middle of the posting: some claims posted, not all")
				.isBetween((long) KILL_AFTER, (long) CLAIMS - CHUNK);
		assertThat(Files.readString(firstLog, StandardCharsets.ISO_8859_1))
				.as("the first server never finished the payment")
				.doesNotContain("Payment " + TRACE + " of payer");

		Process second = PackagedServer.start(workDir, port, secondLog, arguments, Map.of());
		try {
			PackagedServer.awaitReady(http, second);
			Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
					.until(() -> count(tenant, "PaymentReconciliation") > 0);

			assertPostedOnce(tenant, claims, remittance);
			Map<String, Integer> counts = counts(tenant);
			assertThat(Files.readString(secondLog, StandardCharsets.ISO_8859_1))
					.as("the restarted server posted the file it had stored")
					.contains("Payment " + TRACE + " of payer " + PAYER_ID + " posted in tenant " + tenant);

			FhirHttp.Response sameFile = http.post(tenant, "$x12-ingest", file.text(), X12);
			assertThat(sameFile.status()).as(sameFile.body()).isEqualTo(200);
			assertThat(sameFile.body()).contains("received before").contains("nothing was applied again");
			assertThat(counts(tenant)).as("the same file again changes nothing").isEqualTo(counts);

			WrittenInterchange again = WRITER.write(ENVELOPE, List.of(remittance));
			assertThat(again.interchangeControlNumber()).isNotEqualTo(file.interchangeControlNumber());
			FhirHttp.Response samePayment = http.post(tenant, "$x12-ingest", again.text(), X12);
			assertThat(samePayment.status()).as(samePayment.body()).isEqualTo(200);
			assertThat(samePayment.body()).contains("Payment " + TRACE + " of payer " + PAYER_ID
					+ " was posted before");
			assertThat(counts(tenant)).as("the same payment in another interchange changes nothing")
					.isEqualTo(counts);
			assertPostedOnce(tenant, claims, remittance);
		} finally {
			second.destroy();
			second.waitFor(60, TimeUnit.SECONDS);
		}
	}

	/**
	 * The clearinghouse exchange runs on its schedule (the default) while a large 835 posted to {@code $x12-ingest}
	 * is being posted: its round processes pending files, and must leave alone the one the request is posting. Today
	 * it posts it a second time concurrently, and one of the two postings fails on the resources both write under the
	 * same ids (HAPI-0550/0825, client-assigned id constraint): when it is the request's, the practice is told 409
	 * about a file that the round then posts.
	 */
	/** The clearinghouse schedule (every second here) leaves a file alone while $x12-ingest posts it. */
	@Test
	void aFileBeingPostedIsNotPostedAgainByTheExchangeMeanwhile() throws Exception {
		port = PackagedServer.freePort();
		FhirHttp http = new FhirHttp(port);
		List<String> arguments = List.of("--openrcm.remittance.chunk-size=" + CHUNK,
				"--openrcm.clearinghouse.channel.poll-interval=1s");
		Process server = PackagedServer.start(workDir, port, workDir.resolve("server.log"), arguments, Map.of());
		try {
			PackagedServer.awaitReady(http, server);
			String tenant = http.createTenant();
			Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
			List<String> claims = storeClaims(http, tenant, parties, CLAIMS / 4);
			Remittance remittance = payment(claims, parties.serviceDate());

			FhirHttp.Response posted = http.post(tenant, "$x12-ingest", WRITER.write(ENVELOPE, List.of(remittance))
					.text(), X12);

			assertThat(posted.status()).as(posted.body()).isEqualTo(200);
			assertPostedOnce(tenant, claims, remittance);
			try (Stream<String> lines = Files.lines(workDir.resolve("server.log"), StandardCharsets.ISO_8859_1)) {
				assertThat(lines.filter(line -> line.contains("could not be processed now")).toList())
						.as("no second posting of the file failed meanwhile").isEmpty();
			}
		} finally {
			server.destroy();
			server.waitFor(60, TimeUnit.SECONDS);
		}
	}

	/**
	 * Polls the count of adjudicated ClaimResponses until at least {@value #KILL_AFTER} are there; returns the last
	 * count seen, which is also all of them when the posting finished before it could be caught.
	 */
	private long awaitPosted(String tenant, CompletableFuture<FhirHttp.Response> posting)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		long posted = 0;
		while (System.nanoTime() < deadline) {
			posted = count(tenant, "ClaimResponse?outcome=complete");
			if (posted >= KILL_AFTER) {
				return posted;
			}
			if (posting.isDone() && !posting.isCompletedExceptionally()) {
				FhirHttp.Response answer = posting.join();
				assertThat(answer.status()).as("the posting answered before the kill: " + answer.body())
						.isEqualTo(200);
				return count(tenant, "ClaimResponse?outcome=complete");
			}
			Thread.sleep(100);
		}
		throw new AssertionError("only " + posted + " claims were posted within 3 minutes");
	}

	/** What one clean posting of the payment leaves, each thing exactly once. */
	private void assertPostedOnce(String tenant, List<String> claims, Remittance remittance) {
		Map<String, ClaimPayment> paymentOf = new LinkedHashMap<>();
		for (ClaimPayment payment : remittance.claims()) {
			paymentOf.put(payment.patientControlNumber(), payment);
		}

		List<ClaimResponse> responses = all(tenant, "ClaimResponse", ClaimResponse.class);
		Map<String, List<ClaimResponse>> responsesByClaim = responses.stream().collect(Collectors.groupingBy(
				r -> new IdType(r.getRequest().getReference()).getIdPart()));
		assertThat(responsesByClaim.keySet()).as("a ClaimResponse for every claim, none for anything else")
				.containsExactlyInAnyOrderElementsOf(claims);
		assertThat(responsesByClaim).as("one ClaimResponse per claim").allSatisfy((claim, found) -> {
			assertThat(found).as("Claim/" + claim).hasSize(1);
			ClaimResponse response = found.get(0);
			assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
			assertThat(response.getStatus()).isEqualTo(ClaimResponse.ClaimResponseStatus.ACTIVE);
			assertThat(response.getPayment().getAmount().getValue()).as("Claim/" + claim + " paid")
					.isEqualByComparingTo(paymentOf.get(claim).paid());
			assertThat(response.getItem()).hasSize(2);
		});

		List<ExplanationOfBenefit> eobs = all(tenant, "ExplanationOfBenefit", ExplanationOfBenefit.class);
		assertThat(eobs).as("one EOB per claim").hasSize(claims.size());
		assertThat(eobs.stream().map(e -> new IdType(e.getClaim().getReference()).getIdPart()).toList())
				.containsExactlyInAnyOrderElementsOf(claims);

		List<PaymentReconciliation> reconciliations = all(tenant, "PaymentReconciliation",
				PaymentReconciliation.class);
		assertThat(reconciliations).as("one PaymentReconciliation").hasSize(1);
		PaymentReconciliation reconciliation = reconciliations.get(0);
		assertThat(reconciliation.getPaymentAmount().getValue()).isEqualByComparingTo(remittance.payment().amount());
		assertThat(reconciliation.getPaymentIdentifier().getValue()).isEqualTo(TRACE);
		assertThat(reconciliation.getDetail().stream().map(d -> new IdType(d.getRequest().getReference())
				.getIdPart()).toList()).as("one detail per claim").containsExactlyInAnyOrderElementsOf(claims);
		assertThat(reconciliation.getDetail().stream().map(d -> d.getAmount().getValue())
				.reduce(BigDecimal.ZERO, BigDecimal::add)).as("the details add up to the payment")
				.isEqualByComparingTo(remittance.payment().amount());
		assertThat(reconciliation.getDisposition()).isEqualTo("Payment " + TRACE + ": " + claims.size()
				+ " claims posted");

		Map<String, Long> denials = all(tenant, DENIAL_QUEUE, Task.class)
				.stream().collect(Collectors.groupingBy(t -> new IdType(t.getFocus().getReference()).getIdPart(),
						Collectors.counting()));
		Map<String, Long> expectedDenials = new HashMap<>();
		for (int i = 0; i < claims.size(); i++) {
			long lines = deniedLines(i);
			if (lines > 0) {
				expectedDenials.put(claims.get(i), lines);
			}
		}
		assertThat(denials).as("the denial Tasks, once each").isEqualTo(expectedDenials);

		List<Invoice> statements = all(tenant, "Invoice", Invoice.class);
		List<String> statementKeys = statements.stream().map(s -> s.getIdentifier().stream()
				.filter(id -> RemittancePosting.POSTING_SYSTEM.equals(id.getSystem())).findFirst().orElseThrow()
				.getValue()).toList();
		List<String> expectedStatements = new ArrayList<>();
		for (int i = 0; i < claims.size(); i++) {
			if (deniedLines(i) < 2) {
				expectedStatements.add(PAYER_ID + ":" + TRACE + ":" + i);
			}
		}
		assertThat(statementKeys).as("one statement per claim the patient owes on")
				.containsExactlyInAnyOrderElementsOf(expectedStatements);
	}

	/** The counts a user would compare before and after posting again. */
	private Map<String, Integer> counts(String tenant) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String query : List.of("ClaimResponse", "ExplanationOfBenefit", "PaymentReconciliation", "Invoice",
				"Task", "Claim")) {
			counts.put(query, count(tenant, query));
		}
		return counts;
	}

	private int count(String tenant, String query) {
		return search(tenant, query + (query.contains("?") ? "&" : "?") + "_summary=count").getTotal();
	}

	/**
	 * A search that the server answers afresh ({@code Cache-Control: no-cache}): HAPI reuses the result of the same
	 * search for a minute otherwise, and a count taken before a change would be repeated after it.
	 */
	private Bundle search(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Cache-Control", "no-cache").header("Accept", FhirHttp.FHIR_JSON)
				.timeout(Duration.ofSeconds(60)).GET().build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			return FhirHttp.fhir().newJsonParser().parseResource(Bundle.class, response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private Bundle search(String tenant, String query) {
		return search("/fhir/" + tenant + "/" + query);
	}

	/** Every resource a search finds, page after page. */
	private <T extends Resource> List<T> all(String tenant, String query, Class<T> type) {
		String base = "http://127.0.0.1:";
		List<T> found = new ArrayList<>();
		Bundle page = search(tenant, query + (query.contains("?") ? "&" : "?") + "_count=500");
		while (true) {
			page.getEntry().forEach(entry -> found.add(type.cast(entry.getResource())));
			Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
			if (next == null) {
				return found;
			}
			String url = next.getUrl();
			assertThat(url).startsWith(base);
			page = search(url.substring(url.indexOf('/', base.length())));
		}
	}

	/** Stores the claims in transaction Bundles; returns their ids, in order. */
	private static List<String> storeClaims(FhirHttp http, String tenant, Parties parties, int count) {
		List<String> ids = new ArrayList<>(count);
		for (int from = 0; from < count; from += STORE_CHUNK) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = from; i < Math.min(count, from + STORE_CHUNK); i++) {
				Claim claim = BillableClaims.claim(parties);
				transaction.addEntry().setResource(claim).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim");
			}
			FhirHttp.Response response = http.post(tenant, "", transaction);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			for (Bundle.BundleEntryComponent entry : response.resource(Bundle.class).getEntry()) {
				ids.add(new IdType(entry.getResponse().getLocation()).getIdPart());
			}
		}
		assertThat(ids).doesNotHaveDuplicates().hasSize(count);
		return ids;
	}

	/**
	 * The lines the payer denies on claim {@code index}: both on every 50th claim (from the 8th), the injection on
	 * every 50th from the 33rd, none on the others.
	 */
	private static int deniedLines(int index) {
		return switch (index % 50) {
			case 7 -> 2;
			case 32 -> 1;
			default -> 0;
		};
	}

	/** One 835 paying every claim: most as the sandbox pays (80% allowed, 20% of it the patient's), a few denied. */
	private static Remittance payment(List<String> claims, LocalDate serviceDate) {
		List<ClaimPayment> payments = new ArrayList<>();
		for (int i = 0; i < claims.size(); i++) {
			payments.add(claimPayment(claims.get(i), deniedLines(i), serviceDate));
		}
		BigDecimal total = payments.stream().map(ClaimPayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Party payer = new Party("PR", "PRAIRIE HEALTH PLAN", null, null, null, List.of())
				.withAddress(new Remittance.Address("1 PLAN ROAD", null, "SPRINGFIELD", "IL", "62701", null))
				.withContacts(List.of(new Remittance.Contact("BL", "EDI DESK", List.of(new Remittance.Reference("TE",
						"2175550100")))));
		Party payee = new Party("PE", "SPRINGFIELD FAMILY MEDICINE", null, "XX", "1987654328", List.of());
		return new Remittance("0001", new Payment("C", total, "C", "CHK", today), TRACE, PAYER_ID, today, payer,
				payee, payments, List.of());
	}

	private static ClaimPayment claimPayment(String claim, int deniedLines, LocalDate serviceDate) {
		Function<String, Adjustment> denied = amount -> new Adjustment("CO", "197", new BigDecimal(amount), null);
		ServicePayment visit = deniedLines == 2
				? line("99213", "125.00", "0.00", "1", serviceDate, denied.apply("125.00"))
				: line("99213", "125.00", "80.00", "1", serviceDate, contractual("25.00"), coinsurance("20.00"));
		ServicePayment injection = deniedLines >= 1
				? line("96372", "30.00", "0.00", "2", serviceDate, denied.apply("30.00"))
				: line("96372", "30.00", "19.20", "2", serviceDate, contractual("6.00"), coinsurance("4.80"));
		BigDecimal paid = visit.paid().add(injection.paid());
		BigDecimal patientShare = switch (deniedLines) {
			case 0 -> new BigDecimal("24.80");
			case 1 -> new BigDecimal("20.00");
			default -> BigDecimal.ZERO;
		};
		return new ClaimPayment(claim, deniedLines == 2 ? "4" : "1", new BigDecimal("155.00"), paid, patientShare,
				"12", "PCN-" + claim, null, null, List.of(), new Party("QC", "RIVERA", "ANA", "MI", "PHP884421907",
						List.of()), null, null, null, null, null, null, null, List.of(), List.of(),
				List.of(visit, injection));
	}

	private static Adjustment contractual(String amount) {
		return new Adjustment("CO", "45", new BigDecimal(amount), null);
	}

	private static Adjustment coinsurance(String amount) {
		return new Adjustment("PR", "2", new BigDecimal(amount), null);
	}

	private static ServicePayment line(String code, String charge, String paid, String control, LocalDate day,
			Adjustment... adjustments) {
		return new ServicePayment(new Procedure("HC", code, List.of()), new BigDecimal(charge), new BigDecimal(paid),
				null, BigDecimal.ONE, null, null, day, day, List.of(adjustments), control, List.of(), null, List.of());
	}
}
