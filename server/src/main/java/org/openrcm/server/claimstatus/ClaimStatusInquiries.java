package org.openrcm.server.claimstatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.claims.ClaimSources;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Member;

/**
 * The 276 question about one stored claim (loop 2200D, or 2200E for a dependent), from the claim and what it refers
 * to, with no Spring and no storage of its own:
 * <ul>
 * <li>payer (2100A NM1*PR): {@code Claim.insurer}, else the focal Coverage's first payor; NM109 its identifier of
 * system {@value #PAYER_ID_SYSTEM} (the payer id the 837 carried, 2010BB);</li>
 * <li>information receiver (2100B NM1*41): the clearinghouse connection's submitter, NM108 {@code 46} and its
 * submitter id, as in the 837's loop 1000A;</li>
 * <li>provider (2100C NM1*1P): {@code Claim.provider}, an Organization, Practitioner or PractitionerRole (its
 * organization or practitioner) with an NPI ({@code XX});</li>
 * <li>subscriber (2000D DMG, 2100D NM1*IL): the focal Coverage's subscriber (else its beneficiary) with the
 * Coverage's {@code subscriberId} as member id ({@code MI}); the patient is a dependent (2000E DMG, 2100E NM1*QC)
 * when the Coverage's relationship is not {@code self};</li>
 * <li>claim: TRN02 the tracking number, REF*1K the payer's claim number (a ClaimResponse identifier of system
 * {@value OpenRcmIg#PAYER_CLAIM_NUMBER_SYSTEM}, from the 277CA or the 835), REF*EJ the CLM01 the 837 carried, AMT*T3
 * {@code Claim.total}, DTP*472 the first to the last date of service of its items (else its billable period).</li>
 * </ul>
 * Names are written in capitals, as payers file them.
 */
final class ClaimStatusInquiries {

	/** The payer's id at the clearinghouse, as the 837 mapping reads it. */
	static final String PAYER_ID_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-id";
	static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";

	/** What is missing to ask about a claim, each in words. */
	static final class Missing extends Exception {

		private final List<String> reasons;

		Missing(List<String> reasons) {
			super(String.join("; ", reasons), null, false, false);
			this.reasons = List.copyOf(reasons);
		}

		List<String> reasons() {
			return reasons;
		}
	}

	private ClaimStatusInquiries() {}

	/**
	 * The inquiry about a claim.
	 *
	 * @param claim the stored claim
	 * @param sources resolves the claim's references and finds its ClaimResponses
	 * @param clearinghouse the connection the claim went through (the receiver)
	 * @param traceNumber the claim status tracking number (TRN02)
	 * @param patientControlNumber the CLM01 the 837 carried
	 * @throws Missing when the payer id, the provider's NPI or the member id is not recorded
	 */
	static Inquiry inquiry(Claim claim, ClaimSources sources, ClearinghouseProperties clearinghouse,
			String traceNumber, String patientControlNumber) throws Missing {
		List<String> missing = new ArrayList<>();
		Coverage coverage = focalCoverage(claim, sources);
		Resource payerResource = claim.hasInsurer() ? sources.resolve(claim.getInsurer())
				: coverage != null && coverage.hasPayor() ? sources.resolve(coverage.getPayorFirstRep()) : null;
		Party payer = null;
		if (payerResource instanceof Organization organization && payerId(organization) != null) {
			payer = Party.organization("PR", text(organization.getName(), "UNKNOWN PAYER"), "PI",
					payerId(organization));
		} else {
			missing.add("the payer (Claim.insurer or the Coverage's payor) has no payer id (an identifier of system "
					+ PAYER_ID_SYSTEM + ")");
		}
		Party receiver = Party.organization("41", clearinghouse.submitterName(), "46", clearinghouse.submitterId());
		Party provider = provider(claim.hasProvider() ? sources.resolve(claim.getProvider()) : null, sources);
		if (provider == null) {
			missing.add("the claim's provider has no NPI (an identifier of system " + NPI_SYSTEM + ")");
		}
		Member subscriber = null;
		Member dependent = null;
		if (coverage == null || !coverage.hasSubscriberId()) {
			missing.add("the claim's focal Coverage has no subscriberId (the member id)");
		} else {
			Resource subscriberResource = coverage.hasSubscriber() ? sources.resolve(coverage.getSubscriber())
					: coverage.hasBeneficiary() ? sources.resolve(coverage.getBeneficiary()) : null;
			subscriber = member("IL", subscriberResource, coverage.getSubscriberId());
			if (subscriber == null) {
				missing.add("the subscriber of the Coverage (or its beneficiary) has no name");
			}
			boolean self = !coverage.hasRelationship() || coverage.getRelationship().getCoding().stream()
					.anyMatch(c -> "self".equals(c.getCode()));
			if (!self) {
				dependent = member("QC", sources.resolve(claim.getPatient()), null);
				if (dependent == null) {
					missing.add("the claim's patient has no name");
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new Missing(missing);
		}
		BigDecimal charge = claim.hasTotal() && claim.getTotal().hasValue() ? claim.getTotal().getValue() : null;
		return new Inquiry(payer, receiver, provider, subscriber, dependent, traceNumber,
				payerClaimNumber(claim, sources), patientControlNumber, "", "", charge, serviceDates(claim),
				List.of());
	}

	/** The payer's claim number of the claim's most recent ClaimResponse that has one; empty when none has. */
	static String payerClaimNumber(Claim claim, ClaimSources sources) {
		String number = "";
		Date latest = null;
		for (ClaimResponse response : sources.responsesTo("Claim/" + claim.getIdElement().getIdPart())) {
			for (Identifier identifier : response.getIdentifier()) {
				if (OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
					Date when = response.hasCreated() ? response.getCreated() : new Date(0);
					if (latest == null || !when.before(latest)) {
						latest = when;
						number = identifier.getValue();
					}
				}
			}
		}
		return number;
	}

	private static Coverage focalCoverage(Claim claim, ClaimSources sources) {
		for (Claim.InsuranceComponent insurance : claim.getInsurance()) {
			if (insurance.getFocal() && sources.resolve(insurance.getCoverage()) instanceof Coverage coverage) {
				return coverage;
			}
		}
		return claim.hasInsurance() && sources.resolve(claim.getInsuranceFirstRep().getCoverage())
				instanceof Coverage coverage ? coverage : null;
	}

	private static String payerId(Organization organization) {
		for (Identifier identifier : organization.getIdentifier()) {
			if (PAYER_ID_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
				return identifier.getValue().strip();
			}
		}
		return null;
	}

	private static Party provider(Resource resource, ClaimSources sources) {
		if (resource instanceof PractitionerRole role) {
			String npi = npi(role.getIdentifier());
			Resource organization = role.hasOrganization() ? sources.resolve(role.getOrganization()) : null;
			Resource practitioner = role.hasPractitioner() ? sources.resolve(role.getPractitioner()) : null;
			Party party = provider(practitioner, sources);
			if (party == null) {
				party = provider(organization, sources);
			}
			return party == null || npi == null ? party : new Party("1P", party.entityType(), party.name(),
					party.firstName(), party.middleName(), party.suffix(), "XX", npi);
		}
		if (resource instanceof Organization organization) {
			String npi = npi(organization.getIdentifier());
			return npi == null || !organization.hasName() ? null
					: Party.organization("1P", upper(organization.getName()), "XX", npi);
		}
		if (resource instanceof Practitioner practitioner) {
			String npi = npi(practitioner.getIdentifier());
			HumanName name = practitioner.getNameFirstRep();
			return npi == null || !name.hasFamily() ? null : new Party("1P", "1", upper(name.getFamily()),
					upper(name.hasGiven() ? name.getGiven().get(0).getValue() : ""), "", "", "XX", npi);
		}
		return null;
	}

	private static String npi(List<Identifier> identifiers) {
		return identifiers.stream().filter(i -> NPI_SYSTEM.equals(i.getSystem()) && i.hasValue())
				.map(i -> i.getValue().strip()).findFirst().orElse(null);
	}

	private static Member member(String entity, Resource person, String memberId) {
		HumanName name;
		DateType birthDate;
		AdministrativeGender gender;
		if (person instanceof Patient patient) {
			name = patient.getNameFirstRep();
			birthDate = patient.getBirthDateElement();
			gender = patient.getGender();
		} else if (person instanceof RelatedPerson related) {
			name = related.getNameFirstRep();
			birthDate = related.getBirthDateElement();
			gender = related.getGender();
		} else {
			return null;
		}
		if (!name.hasFamily()) {
			return null;
		}
		String first = name.hasGiven() ? name.getGiven().get(0).getValue() : "";
		String middle = name.getGiven().size() > 1 ? name.getGiven().get(1).getValue() : "";
		String suffix = name.hasSuffix() ? name.getSuffix().get(0).getValue() : "";
		Party party = new Party(entity, "1", upper(name.getFamily()), upper(first), upper(middle), upper(suffix),
				memberId == null ? "" : "MI", memberId == null ? "" : memberId.strip());
		LocalDate birth = birthDate == null || !birthDate.hasValue() ? null : FhirValues.day(birthDate);
		String sex = gender == null || gender == AdministrativeGender.NULL ? ""
				: gender == AdministrativeGender.FEMALE ? "F" : gender == AdministrativeGender.MALE ? "M" : "U";
		return new Member(party, birth, birth == null ? "" : sex);
	}

	/** The first to the last date of service of the claim's items, else its billable period; {@code null} if none. */
	static DatePeriod serviceDates(Claim claim) {
		LocalDate first = null;
		LocalDate last = null;
		for (Claim.ItemComponent item : claim.getItem()) {
			LocalDate start = null;
			LocalDate end = null;
			if (item.hasServicedDateType()) {
				start = FhirValues.day(item.getServicedDateType());
				end = start;
			} else if (item.hasServicedPeriod()) {
				start = day(item.getServicedPeriod().getStartElement());
				end = day(item.getServicedPeriod().getEndElement());
				end = end == null ? start : end;
			}
			if (start != null) {
				first = first == null || start.isBefore(first) ? start : first;
				last = last == null || end.isAfter(last) ? end : last;
			}
		}
		if (first == null && claim.hasBillablePeriod()) {
			first = day(claim.getBillablePeriod().getStartElement());
			last = day(claim.getBillablePeriod().getEndElement());
			last = last == null ? first : last;
		}
		return first == null ? null : new DatePeriod(first, last);
	}

	private static LocalDate day(BaseDateTimeType date) {
		return date == null || !date.hasValue() ? null : FhirValues.day(date);
	}

	private static String upper(String value) {
		return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
	}

	private static String text(String value, String otherwise) {
		return value == null || value.isBlank() ? otherwise : value.toUpperCase(Locale.ROOT);
	}
}
