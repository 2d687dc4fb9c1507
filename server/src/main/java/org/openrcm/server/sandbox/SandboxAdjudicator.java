package org.openrcm.server.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.ack.ClaimAcknowledgment;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.ClaimStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * The sandbox payer's adjudication: turns the claims its 277CA accepted from one 837P or 837I transaction set into
 * 835 remittance records ({@link Remittance}), deterministically, by the {@link SandboxRemittanceRules}
 * ({@code openrcm.sandbox.remittance.*}). It keeps no state between calls: one call is one "run".
 *
 * <p><b>Remittances.</b> One per payer (2010BB NM109) and billing provider (2010AA), in the order of their first
 * claim: BPR {@code C} (payment with advice) by {@code ACH} or {@code CHK} for a positive total, else {@code H}
 * (notice only) with method {@code NON} and amount 0; BPR16 is the clock's day plus
 * {@link SandboxRemittanceRules#paymentDelayDays()}. TRN02 is the 837's ISA13 and ST02 followed by eight digits of a
 * hash of the payer and payee ids (the same file always gives the same trace); TRN03 is {@code 1} followed by the
 * sandbox payer's fixed EIN {@value #PAYER_EIN}. The payer (N1*PR) carries the 837's payer name and REF*2U the payer
 * id; the payee (N1*PE) is the 837's billing provider with its NPI ({@code XX}). ST02 is numbered {@code 0001} up
 * within the run (an 835 writer assigns its own). DTM*405 and each claim's DTM*050 are the clock's day.
 *
 * <p><b>Claims (CLP).</b> CLP01 is the 837's CLM01, CLP07 the payer claim control number of the 277CA (REF*1K, see
 * {@link SandboxScreening#payerClaimControlNumber}), CLP06 the 837's SBR09 ({@code ZZ} when absent), CLP08/CLP09 the
 * 837's CLM05-1/CLM05-3; the 837's REF*F8 is echoed as REF*F8, its statement period as DTM*232/233. CLP03 is the sum
 * of the line charges (the 837 guide makes CLM02 equal to it), CLP04 the sum of the lines paid, CLP05 the sum of
 * their PR adjustments, AMT*AU the sum of their allowed amounts. CLP02 is {@code 4} (denied) when every line is
 * denied, else {@code 1} (processed as primary). All adjustments sit on the lines (loop 2110): SVC01 is
 * {@code HC:code:modifiers} (837P SV101, or 837I SV202 when present, with SVC04 the revenue code) or
 * {@code NU:revenue code} (837I lines without a procedure code); SVC05 the 837's units; DTM*472 the line's date;
 * REF*6R the 837 line's REF*6R when present; AMT*B6 the allowed amount. A claim without service lines (which the
 * 837 guide does not allow) is denied whole with a claim-level CO-16 and RARC MA130.
 *
 * <p><b>A line that is paid.</b> The allowed amount is the charge times
 * {@link SandboxRemittanceRules#allowedPercent()}, rounded half-up to cents, or, for a code with an entry in
 * {@link SandboxRemittanceRules#allowedAmounts()}, that amount per unit times the units; never more than the charge.
 * The rest of the charge is written off as CO-45 (above the fee schedule). Of the allowed amount the patient owes, in
 * this order: PR-1, the deductible, as far as the member id (2010BA NM109) has not yet met
 * {@link SandboxRemittanceRules#deductiblePerPatient()} in this run; PR-2, the coinsurance percentage of the allowed
 * amount left after the deductible (half-up to cents); PR-3, the copay, on the first paid line of each claim, at most
 * what is left. The line pays the allowed amount less the patient's share. Adjustments of 0 are left out.
 *
 * <p><b>A line that is denied</b> pays 0: one CO adjustment of its whole charge and one remark (LQ*HE). The first
 * rule that applies decides:
 * <ol>
 * <li>CO-16 with RARC N382 (the patient identifier is wrong), every line of a claim whose member id starts with
 * {@link SandboxRemittanceRules#deniedMemberIdPrefix()};</li>
 * <li>CO-29 with RARC N1 (appeal alert): the line's date of service (DTP*472, else the start of the statement
 * period) lies more than {@link SandboxRemittanceRules#timelyFilingDays()} days before the 837's creation date
 * (BHT04, else the clock's day);</li>
 * <li>CO-197 with RARC M62 (authorization number missing): the line's code is listed in
 * {@link SandboxRemittanceRules#authorizationRequired()} and neither the claim (2300 REF*G1) nor the line (2400
 * REF*G1) carries a prior authorization;</li>
 * <li>CO-50 with RARC M25 (the need for the service is not shown): a draw in [0, 1) from a hash of
 * {@link SandboxRemittanceRules#seed()}, CLM01 and the line number falls below
 * {@link SandboxRemittanceRules#denialRate()}; the draw depends on the claim's content only, not the file.</li>
 * </ol>
 *
 * <p><b>Replacements and voids.</b> A replacement (frequency {@code 7}) is adjudicated like any claim. A void
 * (frequency {@code 8}) is answered with a reversal: CLP02 {@code 22} with every amount of the claim and its lines
 * (charges, paid, patient responsibility, adjustments, allowed) negated. The sandbox keeps no record of what it
 * paid, so it reverses what it would pay for the void's own content (same CLM01 and lines, as OpenRCM sends a void)
 * as the member's only claim of a run: it starts from the full deductible and spends none of the run's. This equals
 * the original payment unless that payment shared the deductible with other claims or the timely filing limit now
 * judges its dates differently. A remittance whose total is negative pays 0 (BPR {@code H}) and carries the balance
 * forward as a negative PLB {@code FB} (referencing the trace number) to keep the 835 balanced.
 *
 * <p><b>Interest.</b> {@link SandboxRemittanceRules#interest()}, when above 0, is added to every remittance as a
 * PLB {@code L6} of the negated amount (a negative provider adjustment raises the payment). PLB01 is the payee's
 * NPI, PLB02 the last day of the clock's year.
 *
 * <p>Every remittance balances: BPR02 is the sum of CLP04 less the PLB amounts; each claim's and line's charge less
 * its paid amount is the sum of its adjustments. Instances are immutable and may be shared.
 */
final class SandboxAdjudicator {

	/** The sandbox payer's employer identification number, in TRN03 after the {@code 1} qualifier. */
	static final String PAYER_EIN = "990005010";
	/** Reversal of a previous payment (CLP02). */
	static final String REVERSAL = "22";
	/** Claim frequency of a void (CLM05-3). */
	static final String VOID = "8";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** Why a line is denied: the CARC (group CO) and the RARC sent with it. */
	private record Denial(String reason, String remark) {}

	private static final Denial MEMBER = new Denial("16", "N382");
	private static final Denial TIMELY_FILING = new Denial("29", "N1");
	private static final Denial NO_AUTHORIZATION = new Denial("197", "M62");
	private static final Denial MEDICAL_NECESSITY = new Denial("50", "M25");

	/** An accepted claim and the payer claim control number the 277CA gave it. */
	private record Accepted(Inbound837.Claim claim, String payerClaimNumber) {}

	private final SandboxRemittanceRules rules;
	private final Clock clock;

	/**
	 * @param rules how claims are paid
	 * @param clock the day of adjudication: DTM*405, DTM*050, BPR16 (plus the delay), the 837 date when BHT04 is
	 *     absent, the fiscal period of a PLB
	 */
	/** The payer's address in the 835 (1000A N3/N4, required): the sandbox's own, made up. */
	private static final Remittance.Address SANDBOX_ADDRESS = new Remittance.Address("1 SANDBOX WAY", null,
			"SPRINGFIELD", "IL", "62701", null);
	/** The payer's technical contact (PER*BL, required). */
	private static final Remittance.Contact SANDBOX_CONTACT = new Remittance.Contact("BL", "OPENRCM SANDBOX",
			List.of(new Reference("EM", "sandbox@openrcm.invalid")));

	/** The claim filing indicators an 835 may carry in CLP06 (fewer than an 837's SBR09). */
	private static final Set<String> REMITTANCE_FILING_INDICATORS = Set.of("12", "13", "14", "15", "16", "17", "AM",
			"CH", "DS", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ");

	/** CLP06: the 837's SBR09 when an 835 has it, else {@code ZZ} (commercial insurance, {@code CI}, among them). */
	static String filingIndicator(String claimFilingIndicator) {
		return REMITTANCE_FILING_INDICATORS.contains(claimFilingIndicator) ? claimFilingIndicator : "ZZ";
	}

	SandboxAdjudicator(SandboxRemittanceRules rules, Clock clock) {
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * The remittances for the claims of one 837 transaction set that its 277CA accepted.
	 *
	 * @param interchangeControlNumber ISA13 of the 837
	 * @param transactionControlNumber ST02 of the 837
	 * @param transaction what the 837 transaction set holds
	 * @param acknowledgment the 277CA {@link SandboxScreening} made for it: one claim status per claim of the
	 *     transaction, in the same order; only accepted claims are paid, under the payer claim number it gives them
	 * @return one remittance per payer and payee; empty when nothing was accepted or the rules are disabled
	 * @throws IllegalArgumentException when the acknowledgment does not list one status per claim
	 */
	List<Remittance> adjudicate(String interchangeControlNumber, String transactionControlNumber,
			Inbound837 transaction, ClaimAcknowledgment acknowledgment) {
		List<ClaimStatus> statuses = acknowledgment.claims();
		List<Inbound837.Claim> claims = transaction.claims();
		if (statuses.size() != claims.size()) {
			throw new IllegalArgumentException("the 277CA lists " + statuses.size() + " claims, the 837 holds "
					+ claims.size());
		}
		List<Accepted> accepted = new ArrayList<>();
		for (int i = 0; i < claims.size(); i++) {
			if (statuses.get(i).accepted()) {
				accepted.add(new Accepted(claims.get(i), statuses.get(i).payerClaimControlNumber()));
			}
		}
		return remittances(interchangeControlNumber, transactionControlNumber, transaction, accepted);
	}

	/**
	 * The remittances for these claims of one 837 transaction set, taken as accepted, each under the payer claim
	 * control number the sandbox's 277CA gives an accepted claim.
	 *
	 * @param interchangeControlNumber ISA13 of the 837
	 * @param transactionControlNumber ST02 of the 837
	 * @param transaction what the 837 transaction set holds
	 * @param accepted the claims to pay, from {@code transaction}
	 * @return one remittance per payer and payee; empty when no claim is given or the rules are disabled
	 */
	List<Remittance> adjudicate(String interchangeControlNumber, String transactionControlNumber,
			Inbound837 transaction, List<Inbound837.Claim> accepted) {
		return remittances(interchangeControlNumber, transactionControlNumber, transaction, accepted.stream()
				.map(claim -> new Accepted(claim, SandboxScreening.payerClaimControlNumber(interchangeControlNumber,
						transactionControlNumber, claim.patientControlNumber())))
				.toList());
	}

	private List<Remittance> remittances(String isa13, String st02, Inbound837 transaction, List<Accepted> accepted) {
		if (!rules.enabled() || accepted.isEmpty()) {
			return List.of();
		}
		LocalDate today = LocalDate.now(clock);
		LocalDate filed = transaction.created() != null ? transaction.created() : today;
		Map<String, List<Accepted>> byPayment = new LinkedHashMap<>();
		for (Accepted claim : accepted) {
			String key = claim.claim().payerId() + "|" + npi(claim.claim().billingProvider());
			byPayment.computeIfAbsent(key, k -> new ArrayList<>()).add(claim);
		}
		Map<String, BigDecimal> deductibles = new HashMap<>();
		List<Remittance> remittances = new ArrayList<>();
		for (Map.Entry<String, List<Accepted>> payment : byPayment.entrySet()) {
			List<ClaimPayment> claims = new ArrayList<>();
			for (Accepted claim : payment.getValue()) {
				if (VOID.equals(claim.claim().frequency())) {
					claims.add(reverse(claim(claim, filed, today, new HashMap<>())));
				} else {
					claims.add(claim(claim, filed, today, deductibles));
				}
			}
			Inbound837.Claim first = payment.getValue().get(0).claim();
			String trace = isa13 + st02 + String.format("%08d",
					Math.floorMod(SandboxScreening.hash(payment.getKey()), 100_000_000L));
			remittances.add(remittance(String.format("%04d", remittances.size() + 1), trace, first, claims, today));
		}
		return List.copyOf(remittances);
	}

	private Remittance remittance(String controlNumber, String trace, Inbound837.Claim first,
			List<ClaimPayment> claims, LocalDate today) {
		String npi = npi(first.billingProvider());
		LocalDate fiscalYearEnd = today.withMonth(12).withDayOfMonth(31);
		BigDecimal total = claims.stream().map(ClaimPayment::paid).reduce(cents(BigDecimal.ZERO), BigDecimal::add);
		List<ProviderAdjustment> adjustments = new ArrayList<>();
		if (rules.interest().signum() > 0) {
			adjustments.add(new ProviderAdjustment(npi, fiscalYearEnd, "L6", null, cents(rules.interest()).negate()));
		}
		BigDecimal net = total.add(cents(rules.interest()));
		if (net.signum() < 0) {
			adjustments.add(new ProviderAdjustment(npi, fiscalYearEnd, "FB", trace, net));
			net = cents(BigDecimal.ZERO);
		}
		LocalDate paymentDate = today.plusDays(rules.paymentDelayDays());
		Payment payment = net.signum() > 0 ? new Payment("C", net, "C", rules.paymentMethod(), paymentDate)
				: new Payment("H", net, "C", "NON", paymentDate);
		X12Segment payerName = first.payer();
		Party payer = new Party("PR", payerName == null || payerName.element(3).isEmpty() ? "SANDBOX PAYER"
				: payerName.element(3), null, "XV", first.payerId(), List.of(new Reference("2U", first.payerId())))
				.withAddress(SANDBOX_ADDRESS).withContacts(List.of(SANDBOX_CONTACT));
		X12Segment provider = first.billingProvider();
		Party payee = new Party("PE", provider == null ? "UNKNOWN PROVIDER" : name(provider), null, "XX", npi,
				List.of());
		return new Remittance(controlNumber, payment, trace, "1" + PAYER_EIN, today, payer, payee, claims,
				adjustments);
	}

	/** One claim adjudicated as an original, spending the deductibles of the given map. */
	private ClaimPayment claim(Accepted accepted, LocalDate filed, LocalDate today,
			Map<String, BigDecimal> deductibles) {
		Inbound837.Claim claim = accepted.claim();
		boolean memberDenied = !rules.deniedMemberIdPrefix().isEmpty()
				&& claim.memberId().startsWith(rules.deniedMemberIdPrefix());
		List<ServicePayment> services = new ArrayList<>();
		BigDecimal charge = cents(BigDecimal.ZERO);
		BigDecimal paid = cents(BigDecimal.ZERO);
		BigDecimal patient = cents(BigDecimal.ZERO);
		BigDecimal allowed = cents(BigDecimal.ZERO);
		boolean copayTaken = false;
		int deniedLines = 0;
		int number = 0;
		for (Inbound837.Line line : claim.lines()) {
			number++;
			BigDecimal lineCharge = SandboxScreening.lineCharge(line);
			lineCharge = cents(lineCharge == null ? BigDecimal.ZERO : lineCharge);
			Procedure procedure = procedure(line.service());
			BigDecimal units = units(line.service());
			DatePeriod dates = line.dates() != null ? line.dates() : claim.statementPeriod();
			Denial denial = memberDenied ? MEMBER : denial(claim, line, number, procedure, dates, filed);
			List<Adjustment> adjustments = new ArrayList<>();
			BigDecimal linePaid;
			BigDecimal lineAllowed;
			List<String> remarks = List.of();
			if (denial != null) {
				adjustments.add(new Adjustment("CO", denial.reason(), lineCharge, null));
				linePaid = cents(BigDecimal.ZERO);
				lineAllowed = cents(BigDecimal.ZERO);
				remarks = List.of(denial.remark());
				deniedLines++;
			} else {
				lineAllowed = allowed(procedure, lineCharge, units);
				add(adjustments, "CO", "45", lineCharge.subtract(lineAllowed));
				BigDecimal left = deductibles.getOrDefault(claim.memberId(), cents(rules.deductiblePerPatient()));
				BigDecimal deductible = left.min(lineAllowed);
				deductibles.put(claim.memberId(), left.subtract(deductible));
				BigDecimal coinsurance = percentOf(lineAllowed.subtract(deductible), rules.coinsurancePercent());
				BigDecimal copay = cents(BigDecimal.ZERO);
				if (!copayTaken) {
					copay = cents(rules.copay()).min(lineAllowed.subtract(deductible).subtract(coinsurance));
					copayTaken = true;
				}
				add(adjustments, "PR", "1", deductible);
				add(adjustments, "PR", "2", coinsurance);
				add(adjustments, "PR", "3", copay);
				BigDecimal share = deductible.add(coinsurance).add(copay);
				linePaid = lineAllowed.subtract(share);
				patient = patient.add(share);
				allowed = allowed.add(lineAllowed);
			}
			charge = charge.add(lineCharge);
			paid = paid.add(linePaid);
			String revenueCode = "SV2".equals(line.service() == null ? "" : line.service().id())
					&& !"NU".equals(procedure.qualifier()) ? line.service().element(1) : null;
			services.add(new ServicePayment(procedure, lineCharge, linePaid, revenueCode, units, null, null,
					dates == null ? null : dates.start(), dates == null ? null : dates.end(), adjustments,
					line.controlNumber().isEmpty() ? null : line.controlNumber(), List.of(), lineAllowed, remarks));
		}
		boolean denied = deniedLines == services.size();
		List<Adjustment> claimAdjustments = new ArrayList<>();
		List<String> claimRemarks = new ArrayList<>();
		if (services.isEmpty()) {
			charge = cents(claim.charge() == null ? BigDecimal.ZERO : claim.charge());
			claimAdjustments.add(new Adjustment("CO", "16", charge, null));
			claimRemarks.add("MA130");
		}
		List<Reference> references = claim.originalReference().isEmpty() ? List.of()
				: List.of(new Reference("F8", claim.originalReference()));
		DatePeriod statement = claim.statementPeriod();
		return new ClaimPayment(claim.patientControlNumber(), denied ? "4" : "1", charge, paid, patient,
				filingIndicator(claim.filingIndicator()), accepted.payerClaimNumber(),
				claim.facilityCode().isEmpty() ? null : claim.facilityCode(),
				claim.frequency().isEmpty() ? null : claim.frequency(), claimAdjustments, patient(claim),
				insured(claim), null, null, statement == null ? null : statement.start(),
				statement == null ? null : statement.end(), today, denied ? null : allowed, references, claimRemarks,
				services);
	}

	/** The first denial rule after the member rule that applies to a line, or {@code null}. */
	private Denial denial(Inbound837.Claim claim, Inbound837.Line line, int number, Procedure procedure,
			DatePeriod dates, LocalDate filed) {
		if (dates != null && dates.start().isBefore(filed.minusDays(rules.timelyFilingDays()))) {
			return TIMELY_FILING;
		}
		if (rules.authorizationRequired().contains(procedure.code()) && claim.priorAuthorization().isEmpty()
				&& line.priorAuthorization().isEmpty()) {
			return NO_AUTHORIZATION;
		}
		if (rules.denialRate() > 0 && draw(claim.patientControlNumber(), number) < rules.denialRate()) {
			return MEDICAL_NECESSITY;
		}
		return null;
	}

	/** A number in [0, 1) fixed by the seed, the claim's CLM01 and the line number. */
	private double draw(String patientControlNumber, int line) {
		long bits = SandboxScreening.hash("remit|" + rules.seed() + "|" + patientControlNumber + "|" + line);
		return (bits >>> 11) * 0x1.0p-53;
	}

	private BigDecimal allowed(Procedure procedure, BigDecimal charge, BigDecimal units) {
		BigDecimal perUnit = rules.allowedAmounts().get(procedure.code());
		BigDecimal allowed = perUnit != null ? cents(perUnit.multiply(units))
				: percentOf(charge, rules.allowedPercent());
		return allowed.min(cents(charge));
	}

	/** The claim with every amount negated and CLP02 {@code 22}. */
	private static ClaimPayment reverse(ClaimPayment claim) {
		UnaryOperator<BigDecimal> negate = amount -> amount == null ? null : amount.negate();
		List<ServicePayment> services = claim.services().stream().map(s -> new ServicePayment(s.procedure(),
				negate.apply(s.charge()), negate.apply(s.paid()), s.revenueCode(), s.units(), s.submittedProcedure(),
				s.submittedUnits(), s.serviceFrom(), s.serviceTo(), negate(s.adjustments()), s.lineControlNumber(),
				s.references(), negate.apply(s.allowed()), s.remarks())).toList();
		return new ClaimPayment(claim.patientControlNumber(), REVERSAL, negate.apply(claim.charge()),
				negate.apply(claim.paid()), negate.apply(claim.patientResponsibility()), claim.filingIndicator(),
				claim.payerClaimNumber(), claim.facilityType(), claim.frequency(), negate(claim.adjustments()),
				claim.patient(), claim.insured(), claim.renderingProvider(), claim.crossoverCarrier(),
				claim.statementFrom(), claim.statementTo(), claim.received(), negate.apply(claim.coverageAmount()),
				claim.references(), claim.remarks(), services);
	}

	private static List<Adjustment> negate(List<Adjustment> adjustments) {
		return adjustments.stream()
				.map(a -> new Adjustment(a.group(), a.reason(), a.amount().negate(), a.quantity())).toList();
	}

	private static void add(List<Adjustment> adjustments, String group, String reason, BigDecimal amount) {
		if (amount.signum() != 0) {
			adjustments.add(new Adjustment(group, reason, amount, null));
		}
	}

	/** SVC01: HC:code:modifiers, or NU:revenue code for an 837I line without a procedure code. */
	private static Procedure procedure(X12Segment service) {
		if (service == null) {
			return new Procedure("HC", "", List.of());
		}
		if ("SV1".equals(service.id())) {
			return new Procedure(service.component(1, 1), service.component(1, 2),
					SandboxScreening.modifiers(service, 1));
		}
		if (service.component(2, 2).isEmpty()) {
			return new Procedure("NU", service.element(1), List.of());
		}
		return new Procedure(service.component(2, 1), service.component(2, 2), SandboxScreening.modifiers(service, 2));
	}

	/** SV104 (837P) or SV205 (837I); 1 when absent. */
	private static BigDecimal units(X12Segment service) {
		BigDecimal units = service == null ? null
				: Inbound837.decimal("SV2".equals(service.id()) ? service.element(5) : service.element(4));
		return units == null || units.signum() <= 0 ? BigDecimal.ONE : units;
	}

	/** NM1*QC: the patient's name with the subscriber's member id. */
	private static Party patient(Inbound837.Claim claim) {
		X12Segment name = claim.patient();
		return new Party("QC", name == null ? "" : name.element(3), name == null ? null : blank(name.element(4)),
				claim.memberId().isEmpty() ? null : "MI", blank(claim.memberId()), List.of());
	}

	/** NM1*IL: the subscriber when not the patient, else {@code null}. */
	private static Party insured(Inbound837.Claim claim) {
		X12Segment subscriber = claim.subscriber();
		if (subscriber == null || subscriber.equals(claim.patient())) {
			return null;
		}
		return new Party("IL", subscriber.element(3), blank(subscriber.element(4)),
				claim.memberId().isEmpty() ? null : "MI", blank(claim.memberId()), List.of());
	}

	private static String npi(X12Segment provider) {
		return provider == null ? "" : provider.element(9);
	}

	/** An organization's name, or a person's as last and first name. */
	private static String name(X12Segment nm1) {
		return "1".equals(nm1.element(2)) && !nm1.element(4).isEmpty() ? nm1.element(3) + " " + nm1.element(4)
				: nm1.element(3);
	}

	private static String blank(String text) {
		return text == null || text.isEmpty() ? null : text;
	}

	private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
		return amount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
	}

	private static BigDecimal cents(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP);
	}
}
