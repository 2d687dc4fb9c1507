package org.openrcm.server.x12.remit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One 835 Health Care Claim Payment/Advice (005010X221A1) transaction set as read: one payment (or a notice of no
 * payment) from a payer to a payee, with the claims it pays and the provider-level adjustments it takes.
 *
 * <p>The 835 balances: {@code payment.amount} (BPR02) equals the sum of the claims' {@link ClaimPayment#paid()}
 * (CLP04) minus the sum of the {@link ProviderAdjustment#amount()} (PLB); a claim's charge minus its paid amount
 * equals the sum of its adjustments, claim and lines; a line's charge minus its paid amount equals the sum of its
 * adjustments. Amounts are as the payer wrote them (a reversal's are negative).
 *
 * @param controlNumber ST02
 * @param payment BPR: what was paid, when and how
 * @param traceNumber TRN02: the check or EFT trace number; with the payer's identity it names the payment
 * @param originatorId TRN03: the payer's identifier as originator of the payment (1 + EIN, or another id)
 * @param productionDate DTM*405, or {@code null}
 * @param payer loop 1000A (N1*PR, N3/N4, REF*2U payer id in {@link Party#additionalIds()})
 * @param payee loop 1000B (N1*PE with XX NPI or FI tax id, REF*TJ in {@link Party#additionalIds()})
 * @param claims loop 2100 (CLP), in file order
 * @param providerAdjustments PLB, one entry per adjustment (a PLB segment carries up to six)
 */
public record Remittance(String controlNumber, Payment payment, String traceNumber, String originatorId,
		LocalDate productionDate, Party payer, Party payee, List<ClaimPayment> claims,
		List<ProviderAdjustment> providerAdjustments) {

	public Remittance {
		claims = List.copyOf(claims);
		providerAdjustments = List.copyOf(providerAdjustments);
	}

	/**
	 * BPR.
	 *
	 * @param handling BPR01: {@code C} payment with advice, {@code H} notification only, {@code I} remittance
	 *     information only, {@code D} make payment only, {@code P} prenotification, {@code U}, {@code X}
	 * @param amount BPR02, the total actual provider payment
	 * @param creditDebit BPR03: {@code C} or {@code D}
	 * @param method BPR04: {@code ACH}, {@code CHK}, {@code BOP}, {@code FWT}, {@code NON}
	 * @param date BPR16, the check issue or EFT effective date
	 */
	public record Payment(String handling, BigDecimal amount, String creditDebit, String method, LocalDate date) {}

	/**
	 * A party of loop 1000A/1000B or an NM1 of loop 2100.
	 *
	 * @param entity N101/NM101, e.g. {@code PR}, {@code PE}, {@code QC}, {@code IL}, {@code 82}
	 * @param name N102, or NM103 (last or organization name)
	 * @param firstName NM104, or {@code null}
	 * @param idQualifier N103/NM108, e.g. {@code XX}, {@code FI}, {@code MI}, {@code XV}
	 * @param id N104/NM109
	 * @param additionalIds REF segments of the party's loop: qualifier (REF01) and value (REF02)
	 * @param address N3/N4 of loop 1000A/1000B, or {@code null} (the 835 requires it for the payer)
	 * @param contacts PER segments of loop 1000A (the payer's business contact, technical contacts and web site);
	 *     the 835 requires at least one technical contact ({@code BL}) for the payer
	 */
	public record Party(String entity, String name, String firstName, String idQualifier, String id,
			List<Reference> additionalIds, Address address, List<Contact> contacts) {

		public Party {
			additionalIds = List.copyOf(additionalIds);
			contacts = List.copyOf(contacts);
		}

		/** A party without address or contacts (an NM1 of loop 2100, or a payee known by its ids only). */
		public Party(String entity, String name, String firstName, String idQualifier, String id,
				List<Reference> additionalIds) {
			this(entity, name, firstName, idQualifier, id, additionalIds, null, List.of());
		}

		/** This party with an address (N3/N4). */
		public Party withAddress(Address newAddress) {
			return new Party(entity, name, firstName, idQualifier, id, additionalIds, newAddress, contacts);
		}

		/** This party with contacts (PER). */
		public Party withContacts(List<Contact> newContacts) {
			return new Party(entity, name, firstName, idQualifier, id, additionalIds, address, newContacts);
		}
	}

	/**
	 * N3/N4: a postal address.
	 *
	 * @param line1 N301
	 * @param line2 N302, or {@code null}
	 * @param city N401
	 * @param state N402 (US and Canada), or {@code null}
	 * @param postalCode N403, or {@code null}
	 * @param country N404 (outside the US only), or {@code null}
	 */
	public record Address(String line1, String line2, String city, String state, String postalCode,
			String country) {}

	/**
	 * PER: a contact of the payer.
	 *
	 * @param function PER01: {@code CX} business contact, {@code BL} technical contact, {@code IC} web site
	 * @param name PER02, or {@code null}
	 * @param numbers PER03..PER08 in order, up to three: qualifier ({@code TE} phone, {@code EX} extension,
	 *     {@code EM} e-mail, {@code FX} fax, {@code UR} web address) and number
	 */
	public record Contact(String function, String name, List<Reference> numbers) {

		public Contact {
			numbers = List.copyOf(numbers);
		}
	}

	/** A REF: qualifier (REF01) and value (REF02). */
	public record Reference(String qualifier, String value) {}

	/**
	 * One CAS adjustment triplet with its group.
	 *
	 * @param group CAS01: {@code CO}, {@code PR}, {@code OA}, {@code PI}, {@code CR}
	 * @param reason the claim adjustment reason code (CARC)
	 * @param amount the adjusted amount
	 * @param quantity the adjusted units, or {@code null}
	 */
	public record Adjustment(String group, String reason, BigDecimal amount, BigDecimal quantity) {}

	/**
	 * A procedure as SVC01/SVC06 carry it.
	 *
	 * @param qualifier {@code HC} (CPT/HCPCS), {@code NU} (revenue code), {@code AD} (dental), {@code ER},
	 *     {@code IV}, {@code N4}, ...
	 * @param code the code
	 * @param modifiers up to four modifiers
	 */
	public record Procedure(String qualifier, String code, List<String> modifiers) {

		public Procedure {
			modifiers = List.copyOf(modifiers);
		}
	}

	/**
	 * Loop 2100: one claim's payment.
	 *
	 * @param patientControlNumber CLP01, the CLM01 of the 837 (OpenRCM writes the Claim's id there)
	 * @param status CLP02: {@code 1} processed as primary, {@code 2} secondary, {@code 3} tertiary, {@code 4}
	 *     denied, {@code 19}/{@code 20}/{@code 21} processed as primary/secondary/tertiary and forwarded,
	 *     {@code 22} reversal of previous payment, {@code 23} not our claim, forwarded, {@code 25} predetermination
	 * @param charge CLP03
	 * @param paid CLP04
	 * @param patientResponsibility CLP05, or {@code null}
	 * @param filingIndicator CLP06, e.g. {@code MC}, {@code 12}, {@code CI}
	 * @param payerClaimNumber CLP07, the payer's claim control number
	 * @param facilityType CLP08, or {@code null}
	 * @param frequency CLP09, or {@code null}
	 * @param adjustments claim-level CAS
	 * @param patient NM1*QC
	 * @param insured NM1*IL, or {@code null}
	 * @param renderingProvider NM1*82, or {@code null}
	 * @param crossoverCarrier NM1*TT, or {@code null}
	 * @param statementFrom DTM*232, or {@code null}
	 * @param statementTo DTM*233, or {@code null}
	 * @param received DTM*050, or {@code null}
	 * @param coverageAmount AMT*AU, or {@code null}
	 * @param references the claim's REF segments (e.g. {@code 1K}, {@code EA}, {@code F8}, {@code G1})
	 * @param remarks the remark codes (RARC) of MOA/MIA, in order
	 * @param services loop 2110, in order
	 */
	public record ClaimPayment(String patientControlNumber, String status, BigDecimal charge, BigDecimal paid,
			BigDecimal patientResponsibility, String filingIndicator, String payerClaimNumber, String facilityType,
			String frequency, List<Adjustment> adjustments, Party patient, Party insured, Party renderingProvider,
			Party crossoverCarrier, LocalDate statementFrom, LocalDate statementTo, LocalDate received,
			BigDecimal coverageAmount, List<Reference> references, List<String> remarks,
			List<ServicePayment> services) {

		public ClaimPayment {
			adjustments = List.copyOf(adjustments);
			references = List.copyOf(references);
			remarks = List.copyOf(remarks);
			services = List.copyOf(services);
		}

		/** Whether this is the reversal of an earlier payment (CLP02 {@code 22}). */
		public boolean isReversal() {
			return "22".equals(status);
		}

		/** Whether the payer denied the claim (CLP02 {@code 4}). */
		public boolean isDenied() {
			return "4".equals(status);
		}
	}

	/**
	 * Loop 2110: one service line's payment.
	 *
	 * @param procedure SVC01 (the adjudicated procedure)
	 * @param charge SVC02
	 * @param paid SVC03
	 * @param revenueCode SVC04, or {@code null}
	 * @param units SVC05 (paid units), or {@code null} (then 1)
	 * @param submittedProcedure SVC06 when the payer changed the procedure, else {@code null}
	 * @param submittedUnits SVC07, or {@code null}
	 * @param serviceFrom DTM*472 or DTM*150, or {@code null}
	 * @param serviceTo DTM*472 (the same day) or DTM*151, or {@code null}
	 * @param adjustments the line's CAS
	 * @param lineControlNumber REF*6R, the line item control number of the 837 (OpenRCM writes the line's sequence
	 *     there), or {@code null}
	 * @param references the line's other REF segments
	 * @param allowed AMT*B6, or {@code null}
	 * @param remarks LQ*HE remark codes (RARC), in order
	 */
	public record ServicePayment(Procedure procedure, BigDecimal charge, BigDecimal paid, String revenueCode,
			BigDecimal units, Procedure submittedProcedure, BigDecimal submittedUnits, LocalDate serviceFrom,
			LocalDate serviceTo, List<Adjustment> adjustments, String lineControlNumber, List<Reference> references,
			BigDecimal allowed, List<String> remarks) {

		public ServicePayment {
			adjustments = List.copyOf(adjustments);
			references = List.copyOf(references);
			remarks = List.copyOf(remarks);
		}
	}

	/**
	 * One provider-level adjustment (a PLB composite and its amount).
	 *
	 * @param providerId PLB01
	 * @param fiscalPeriodEnd PLB02
	 * @param reason the adjustment reason code (PLB03-1), e.g. {@code WO} overpayment recovery, {@code L6}
	 *     interest, {@code FB} forwarding balance, {@code 72} authorized return
	 * @param reference PLB03-2, or {@code null}
	 * @param amount the amount: positive reduces the payment, negative increases it
	 */
	public record ProviderAdjustment(String providerId, LocalDate fiscalPeriodEnd, String reason, String reference,
			BigDecimal amount) {}
}
