package org.openrcm.server.x12.remit;

import static org.openrcm.server.x12.remit.RemitText.amount;
import static org.openrcm.server.x12.remit.RemitText.date;
import static org.openrcm.server.x12.remit.RemitText.decimal;
import static org.openrcm.server.x12.remit.RemitText.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.remit.Remittance.Address;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Contact;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * Reads an 835 transaction set (005010X221A1), as {@link org.openrcm.server.x12.X12Reader} read it with its segments
 * kept, into a {@link Remittance}.
 *
 * <p>The structure comes from the order of the segments, so the reader does not depend on the transaction having
 * passed validation: an 835 that breaks its guide (or carries an unknown version label) is read as far as its
 * segments make sense, and the caller decides from {@link X12Transaction#errors()} whether to trust it. N1 opens the
 * payer ({@code PR}) or payee ({@code PE}) of loop 1000A/1000B; each CLP opens a claim (2100) and each SVC a service
 * line (2110); CAS, REF, DTM, AMT and LQ belong to the line or claim open at that point. What the record model has no
 * place for (CUR, TS3, TS2, RDM, QTY, the claim's PER, MIA/MOA amounts, NM1*74/PR/GB, DTM*036, LQ*RX) is skipped.
 *
 * <p>Mapping: BPR01-04 and BPR16 into {@link Payment}; TRN02/TRN03; DTM*405; each CAS triplet into an
 * {@link Adjustment} of the line or claim; NM1*QC/IL/82/TT into the claim's parties; the remark codes of MIA05,
 * MIA20-23 and MOA03-07 into {@link ClaimPayment#remarks()}; DTM*232/233/050 and AMT*AU of the claim; SVC01 and
 * SVC06 into {@link Procedure}s; DTM*472 (a single day: from and to), DTM*150/151; REF*6R into
 * {@link ServicePayment#lineControlNumber()}, other REFs into the line's references; AMT*B6; LQ*HE into the line's
 * remarks; each PLB adjustment identifier with its amount (up to six per segment) into a {@link ProviderAdjustment}.
 *
 * <p>It never throws on content: absent optional values read as {@code null}, amounts and dates that do not parse
 * read as {@code null}. Monetary amounts read with at least two decimals ({@code 34} as {@code 34.00}); quantities
 * keep the scale they were written with.
 */
public final class Remittance835Reader {

	private Remittance835Reader() {}

	/**
	 * Reads one 835.
	 *
	 * @param transaction a transaction set whose ST01 is {@code 835}, read with its segments
	 * @throws IllegalArgumentException when it is not an 835, or its segments were not kept
	 */
	public static Remittance read(X12Transaction transaction) {
		if (!"835".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not an 835: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException(
					"the 835 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		transaction.segments().forEach(session::accept);
		return session.build(transaction.controlNumber());
	}

	/** SVC01 or SVC06, or {@code null} when the composite is absent. */
	static Procedure procedure(X12Segment svc, int position) {
		if (svc.component(position, 1).isEmpty() && svc.component(position, 2).isEmpty()) {
			return null;
		}
		List<String> modifiers = new ArrayList<>();
		for (int component = 3; component <= 6; component++) {
			if (!svc.component(position, component).isEmpty()) {
				modifiers.add(svc.component(position, component));
			}
		}
		return new Procedure(svc.component(position, 1), svc.component(position, 2), modifiers);
	}

	/** The adjustments of one CAS: up to six reason/amount/quantity triplets under one group. */
	static List<Adjustment> adjustments(X12Segment cas) {
		List<Adjustment> adjustments = new ArrayList<>();
		String group = cas.element(1);
		for (int reason = 2; reason <= 17; reason += 3) {
			if (!cas.element(reason).isEmpty() || !cas.element(reason + 1).isEmpty()) {
				adjustments.add(new Adjustment(group, cas.element(reason), amount(cas.element(reason + 1)),
						decimal(cas.element(reason + 2))));
			}
		}
		return adjustments;
	}

	/** The provider adjustments of one PLB: up to six identifier/amount pairs. */
	static List<ProviderAdjustment> providerAdjustments(X12Segment plb) {
		List<ProviderAdjustment> adjustments = new ArrayList<>();
		String providerId = plb.element(1);
		LocalDate fiscalPeriodEnd = date(plb.element(2));
		for (int identifier = 3; identifier <= 13; identifier += 2) {
			if (!plb.component(identifier, 1).isEmpty() || !plb.element(identifier + 1).isEmpty()) {
				adjustments.add(new ProviderAdjustment(providerId, fiscalPeriodEnd, plb.component(identifier, 1),
						text(plb.component(identifier, 2)), amount(plb.element(identifier + 1))));
			}
		}
		return adjustments;
	}

	/** The state of one read. */
	private static final class Session {
		private Payment payment;
		private String traceNumber;
		private String originatorId;
		private LocalDate productionDate;
		private PartyBuilder payer;
		private PartyBuilder payee;
		private PartyBuilder party;
		private final List<ClaimBuilder> claims = new ArrayList<>();
		private ClaimBuilder claim;
		private LineBuilder line;
		private final List<ProviderAdjustment> providerAdjustments = new ArrayList<>();

		void accept(X12Segment segment) {
			switch (segment.id()) {
				case "BPR" -> payment = new Payment(text(segment.element(1)), amount(segment.element(2)),
						text(segment.element(3)), text(segment.element(4)), date(segment.element(16)));
				case "TRN" -> {
					traceNumber = text(segment.element(2));
					originatorId = text(segment.element(3));
				}
				case "N1" -> name(segment);
				case "N3" -> {
					if (party != null) {
						party.line1 = text(segment.element(1));
						party.line2 = text(segment.element(2));
						party.addressed = true;
					}
				}
				case "N4" -> {
					if (party != null) {
						party.city = text(segment.element(1));
						party.state = text(segment.element(2));
						party.postalCode = text(segment.element(3));
						party.country = text(segment.element(4));
						party.addressed = true;
					}
				}
				case "PER" -> contact(segment);
				case "REF" -> reference(new Reference(segment.element(1), segment.element(2)));
				case "DTM" -> dated(segment.element(1), date(segment.element(2)));
				case "LX" -> party = null;
				case "CLP" -> {
					party = null;
					line = null;
					claim = new ClaimBuilder(segment);
					claims.add(claim);
				}
				case "CAS" -> {
					if (line != null) {
						line.adjustments.addAll(adjustments(segment));
					} else if (claim != null) {
						claim.adjustments.addAll(adjustments(segment));
					}
				}
				case "NM1" -> claimParty(segment);
				case "MIA" -> remarks(segment, 5, 20, 21, 22, 23);
				case "MOA" -> remarks(segment, 3, 4, 5, 6, 7);
				case "AMT" -> amountOf(segment.element(1), amount(segment.element(2)));
				case "SVC" -> {
					if (claim != null) {
						line = new LineBuilder(segment);
						claim.lines.add(line);
					}
				}
				case "LQ" -> {
					if (line != null && "HE".equals(segment.element(1)) && !segment.element(2).isEmpty()) {
						line.remarks.add(segment.element(2));
					}
				}
				case "PLB" -> {
					claim = null;
					line = null;
					providerAdjustments.addAll(providerAdjustments(segment));
				}
				default -> {
					// ST, SE, CUR, TS3, TS2, RDM, QTY and anything the guide does not define
				}
			}
		}

		private void name(X12Segment n1) {
			PartyBuilder named = new PartyBuilder(n1.element(1), text(n1.element(2)), null, text(n1.element(3)),
					text(n1.element(4)));
			switch (n1.element(1)) {
				case "PR" -> payer = named;
				case "PE" -> payee = named;
				default -> {
					// not a party of the 835
				}
			}
			party = named;
		}

		private void contact(X12Segment per) {
			if (party == null || claim != null) {
				return;
			}
			List<Reference> numbers = new ArrayList<>();
			for (int qualifier = 3; qualifier <= 7; qualifier += 2) {
				if (!per.element(qualifier).isEmpty() || !per.element(qualifier + 1).isEmpty()) {
					numbers.add(new Reference(per.element(qualifier), per.element(qualifier + 1)));
				}
			}
			party.contacts.add(new Contact(per.element(1), text(per.element(2)), numbers));
		}

		private void reference(Reference reference) {
			if (line != null) {
				if ("6R".equals(reference.qualifier())) {
					line.controlNumber = text(reference.value());
				} else {
					line.references.add(reference);
				}
			} else if (claim != null) {
				claim.references.add(reference);
			} else if (party != null) {
				party.additionalIds.add(reference);
			}
		}

		private void dated(String qualifier, LocalDate date) {
			if (line != null) {
				switch (qualifier) {
					case "472" -> {
						line.from = date;
						line.to = date;
					}
					case "150" -> line.from = date;
					case "151" -> line.to = date;
					default -> {
						// not a service date
					}
				}
			} else if (claim != null) {
				switch (qualifier) {
					case "232" -> claim.statementFrom = date;
					case "233" -> claim.statementTo = date;
					case "050" -> claim.received = date;
					default -> {
						// coverage expiration (036) has no place in the model
					}
				}
			} else if ("405".equals(qualifier) && party == null) {
				productionDate = date;
			}
		}

		private void claimParty(X12Segment nm1) {
			if (claim == null) {
				return;
			}
			Party named = new Party(nm1.element(1), text(nm1.element(3)), text(nm1.element(4)), text(nm1.element(8)),
					text(nm1.element(9)), List.of());
			switch (nm1.element(1)) {
				case "QC" -> claim.patient = named;
				case "IL" -> claim.insured = named;
				case "82" -> claim.renderingProvider = named;
				case "TT" -> claim.crossoverCarrier = named;
				default -> {
					// corrected names (74), corrected priority payer (PR), other subscriber (GB)
				}
			}
		}

		private void remarks(X12Segment segment, int... positions) {
			if (claim == null || line != null) {
				return;
			}
			for (int position : positions) {
				if (!segment.element(position).isEmpty()) {
					claim.remarks.add(segment.element(position));
				}
			}
		}

		private void amountOf(String qualifier, BigDecimal value) {
			if (line != null) {
				if ("B6".equals(qualifier)) {
					line.allowed = value;
				}
			} else if (claim != null && "AU".equals(qualifier)) {
				claim.coverageAmount = value;
			}
		}

		Remittance build(String controlNumber) {
			return new Remittance(controlNumber, payment, traceNumber, originatorId, productionDate,
					payer == null ? null : payer.build(), payee == null ? null : payee.build(),
					claims.stream().map(ClaimBuilder::build).toList(), providerAdjustments);
		}
	}

	private static final class PartyBuilder {
		final String entity;
		final String name;
		final String firstName;
		final String idQualifier;
		final String id;
		final List<Reference> additionalIds = new ArrayList<>();
		final List<Contact> contacts = new ArrayList<>();
		boolean addressed;
		String line1;
		String line2;
		String city;
		String state;
		String postalCode;
		String country;

		PartyBuilder(String entity, String name, String firstName, String idQualifier, String id) {
			this.entity = entity;
			this.name = name;
			this.firstName = firstName;
			this.idQualifier = idQualifier;
			this.id = id;
		}

		Party build() {
			Address address = addressed ? new Address(line1, line2, city, state, postalCode, country) : null;
			return new Party(entity, name, firstName, idQualifier, id, additionalIds, address, contacts);
		}
	}

	private static final class ClaimBuilder {
		final X12Segment clp;
		final List<Adjustment> adjustments = new ArrayList<>();
		Party patient;
		Party insured;
		Party renderingProvider;
		Party crossoverCarrier;
		LocalDate statementFrom;
		LocalDate statementTo;
		LocalDate received;
		BigDecimal coverageAmount;
		final List<Reference> references = new ArrayList<>();
		final List<String> remarks = new ArrayList<>();
		final List<LineBuilder> lines = new ArrayList<>();

		ClaimBuilder(X12Segment clp) {
			this.clp = clp;
		}

		ClaimPayment build() {
			return new ClaimPayment(clp.element(1), clp.element(2), amount(clp.element(3)), amount(clp.element(4)),
					amount(clp.element(5)), text(clp.element(6)), text(clp.element(7)), text(clp.element(8)),
					text(clp.element(9)), adjustments, patient, insured, renderingProvider, crossoverCarrier,
					statementFrom, statementTo, received, coverageAmount, references, remarks,
					lines.stream().map(LineBuilder::build).toList());
		}
	}

	private static final class LineBuilder {
		final X12Segment svc;
		LocalDate from;
		LocalDate to;
		final List<Adjustment> adjustments = new ArrayList<>();
		String controlNumber;
		final List<Reference> references = new ArrayList<>();
		BigDecimal allowed;
		final List<String> remarks = new ArrayList<>();

		LineBuilder(X12Segment svc) {
			this.svc = svc;
		}

		ServicePayment build() {
			return new ServicePayment(procedure(svc, 1), amount(svc.element(2)), amount(svc.element(3)),
					text(svc.element(4)), decimal(svc.element(5)), procedure(svc, 6), decimal(svc.element(7)), from, to,
					adjustments, controlNumber, references, allowed, remarks);
		}
	}
}
