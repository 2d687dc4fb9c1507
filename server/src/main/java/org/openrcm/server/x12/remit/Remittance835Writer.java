package org.openrcm.server.x12.remit;

import static org.openrcm.server.x12.X12SegmentSink.composite;
import static org.openrcm.server.x12.X12Text.amount;
import static org.openrcm.server.x12.remit.RemitText.d8;
import static org.openrcm.server.x12.remit.RemitText.quantity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.remit.Remittance.Address;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Contact;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * Writes 835 remittances (005010X221A1) through the {@link X12InterchangeWriter}: one interchange, one {@code HP}
 * functional group, one 835 transaction set per {@link Remittance}, each validated against the 835 schema before it
 * is returned.
 *
 * <p>Segments, in TR3 order: BPR (BPR01-04, BPR16; no bank account data, which the model does not carry), TRN*1,
 * DTM*405; 1000A N1*PR (N103/N104 only when the payer has an id, e.g. {@code XV}), N3/N4, its REFs and PERs;
 * 1000B N1*PE, N3/N4, REFs; when there are claims, one 2000 loop ({@code LX*1}) holding every claim: CLP01-09, the
 * claim's CAS, NM1*QC/IL/82/TT, MOA with the claim's remark codes (MOA03-07), the claim's REFs, DTM*232/233/050,
 * AMT*AU; per line SVC (SVC01, 02, 03, 04, 05, 06, 07), DTM*472 when the line is one day (else DTM*150/151), the
 * line's CAS, REF*6R and its other REFs, AMT*B6, one LQ*HE per remark; then the PLB segments.
 *
 * <p>CAS: consecutive adjustments of one group share a segment, up to six triplets. PLB: consecutive provider
 * adjustments of one provider and fiscal period share a segment, up to six. NM102 is {@code 1} (person) for a
 * patient or insured and for any party with a first name, else {@code 2}. The additional ids, address and contacts
 * of the claim's parties have no place in the 835 and are not written. Monetary amounts are written without
 * trailing zeros, quantities as given. Values are written as given: a value holding an X12 separator fails
 * validation. {@link Remittance#controlNumber()} is not written: the writer numbers each 835 itself.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Remittance835Writer {

	/** MOA carries five remark codes (MOA03-07). */
	static final int MAX_CLAIM_REMARKS = 5;

	private final X12InterchangeWriter writer;

	public Remittance835Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 835s.
	 *
	 * @param envelope who pays (the payer or its clearinghouse) to whom (the payee's submitter id)
	 * @param remittances one per 835 transaction set; at least one
	 * @throws X12ValidationException when the content breaks the 835 guide (e.g. a payer without address or
	 *     technical contact, a missing TRN03, a code the guide does not allow)
	 * @throws IllegalArgumentException when there is no remittance, or a claim has more remark codes than the 835
	 *     carries
	 */
	public WrittenInterchange write(X12Envelope envelope, List<Remittance> remittances) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (Remittance remittance : remittances) {
			for (ClaimPayment claim : remittance.claims()) {
				if (claim.remarks().size() > MAX_CLAIM_REMARKS) {
					throw new IllegalArgumentException("claim " + claim.patientControlNumber() + " has "
							+ claim.remarks().size() + " remark codes; an 835 claim carries at most "
							+ MAX_CLAIM_REMARKS);
				}
			}
			bodies.add(out -> new Body(out).write(remittance));
		}
		return writer.write(envelope, X12Guide.REMITTANCE_835, bodies);
	}

	/** One transaction set being written. */
	private static final class Body {
		private final X12SegmentSink out;

		Body(X12SegmentSink out) {
			this.out = out;
		}

		void write(Remittance remittance) {
			Remittance.Payment payment = remittance.payment();
			Object[] bpr = new Object[16];
			if (payment != null) {
				bpr[0] = payment.handling();
				bpr[1] = amount(payment.amount());
				bpr[2] = payment.creditDebit();
				bpr[3] = payment.method();
				bpr[15] = d8(payment.date());
			}
			out.segment("BPR", bpr);
			out.segment("TRN", "1", remittance.traceNumber(), remittance.originatorId());
			if (remittance.productionDate() != null) {
				out.segment("DTM", "405", d8(remittance.productionDate()));
			}
			Party payer = remittance.payer();
			if (payer != null) {
				out.segment("N1", "PR", payer.name(), payer.id() == null ? null : payer.idQualifier(), payer.id());
				address(payer.address());
				references(payer.additionalIds());
				for (Contact contact : payer.contacts()) {
					contact(contact);
				}
			}
			Party payee = remittance.payee();
			if (payee != null) {
				out.segment("N1", "PE", payee.name(), payee.idQualifier(), payee.id());
				address(payee.address());
				references(payee.additionalIds());
			}
			if (!remittance.claims().isEmpty()) {
				out.segment("LX", "1");
				remittance.claims().forEach(this::claim);
			}
			providerAdjustments(remittance.providerAdjustments());
		}

		private void address(Address address) {
			if (address == null) {
				return;
			}
			out.segment("N3", address.line1(), address.line2());
			out.segment("N4", address.city(), address.state(), address.postalCode(), address.country());
		}

		private void contact(Contact contact) {
			List<Object> elements = values(contact.function(), contact.name());
			for (Reference number : contact.numbers()) {
				elements.add(number.qualifier());
				elements.add(number.value());
			}
			out.segment("PER", elements.toArray());
		}

		private void references(List<Reference> references) {
			for (Reference reference : references) {
				out.segment("REF", reference.qualifier(), reference.value());
			}
		}

		private void claim(ClaimPayment claim) {
			out.segment("CLP", claim.patientControlNumber(), claim.status(), amount(claim.charge()),
					amount(claim.paid()), amount(claim.patientResponsibility()), claim.filingIndicator(),
					claim.payerClaimNumber(), claim.facilityType(), claim.frequency());
			adjustments(claim.adjustments());
			name(claim.patient(), "QC");
			name(claim.insured(), "IL");
			name(claim.renderingProvider(), "82");
			name(claim.crossoverCarrier(), "TT");
			if (!claim.remarks().isEmpty()) {
				List<Object> moa = values(null, null);
				moa.addAll(claim.remarks());
				out.segment("MOA", moa.toArray());
			}
			references(claim.references());
			date("232", claim.statementFrom());
			date("233", claim.statementTo());
			date("050", claim.received());
			if (claim.coverageAmount() != null) {
				out.segment("AMT", "AU", amount(claim.coverageAmount()));
			}
			claim.services().forEach(this::service);
		}

		private void name(Party party, String entity) {
			if (party == null) {
				return;
			}
			boolean person = "QC".equals(entity) || "IL".equals(entity) || party.firstName() != null;
			out.segment("NM1", entity, person ? "1" : "2", party.name(), party.firstName(), null, null, null,
					party.idQualifier(), party.id());
		}

		private void service(ServicePayment line) {
			out.segment("SVC", procedure(line.procedure()), amount(line.charge()), amount(line.paid()),
					line.revenueCode(), quantity(line.units()), procedure(line.submittedProcedure()),
					quantity(line.submittedUnits()));
			LocalDate from = line.serviceFrom();
			LocalDate to = line.serviceTo();
			if (from != null && from.equals(to)) {
				date("472", from);
			} else {
				date("150", from);
				date("151", to);
			}
			adjustments(line.adjustments());
			if (line.lineControlNumber() != null) {
				out.segment("REF", "6R", line.lineControlNumber());
			}
			references(line.references());
			if (line.allowed() != null) {
				out.segment("AMT", "B6", amount(line.allowed()));
			}
			for (String remark : line.remarks()) {
				out.segment("LQ", "HE", remark);
			}
		}

		private static List<String> procedure(Procedure procedure) {
			if (procedure == null) {
				return null;
			}
			List<Object> components = values(procedure.qualifier(), procedure.code());
			components.addAll(procedure.modifiers());
			return composite(components.toArray(String[]::new));
		}

		private void date(String qualifier, LocalDate date) {
			if (date != null) {
				out.segment("DTM", qualifier, d8(date));
			}
		}

		/** CAS segments: consecutive adjustments of one group share a segment, up to six triplets each. */
		private void adjustments(List<Adjustment> adjustments) {
			int i = 0;
			while (i < adjustments.size()) {
				String group = adjustments.get(i).group();
				List<Object> cas = values(group);
				int triplets = 0;
				while (i < adjustments.size() && triplets < 6 && Objects.equals(adjustments.get(i).group(), group)) {
					Adjustment adjustment = adjustments.get(i++);
					cas.add(adjustment.reason());
					cas.add(amount(adjustment.amount()));
					cas.add(quantity(adjustment.quantity()));
					triplets++;
				}
				out.segment("CAS", cas.toArray());
			}
		}

		/** PLB segments: consecutive adjustments of one provider and period share a segment, up to six each. */
		private void providerAdjustments(List<ProviderAdjustment> adjustments) {
			int i = 0;
			while (i < adjustments.size()) {
				ProviderAdjustment first = adjustments.get(i);
				List<Object> plb = values(first.providerId(), d8(first.fiscalPeriodEnd()));
				int pairs = 0;
				while (i < adjustments.size() && pairs < 6 && sameProvider(first, adjustments.get(i))) {
					ProviderAdjustment adjustment = adjustments.get(i++);
					plb.add(adjustment.reference() == null ? adjustment.reason()
							: composite(adjustment.reason(), adjustment.reference()));
					plb.add(amount(adjustment.amount()));
					pairs++;
				}
				out.segment("PLB", plb.toArray());
			}
		}

		/** A mutable list of segment elements, nulls allowed (written as empty). */
		private static List<Object> values(Object... elements) {
			return new ArrayList<>(Arrays.asList(elements));
		}

		private static boolean sameProvider(ProviderAdjustment a, ProviderAdjustment b) {
			return Objects.equals(a.providerId(), b.providerId())
					&& Objects.equals(a.fiscalPeriodEnd(), b.fiscalPeriodEnd());
		}
	}
}
