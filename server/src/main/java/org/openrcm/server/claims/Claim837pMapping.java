package org.openrcm.server.claims;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.CareTeamComponent;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.Claim.SupportingInformationComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.openrcm.server.claims.PartyData.Provider;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;

/**
 * A professional claim as an 837P (005010X222A1) transaction set: the shared loops of {@link Claim837Mapping}, and
 * the professional claim and line loops.
 * <ul>
 * <li>2300 CLM: CLM05 the first line's place of service, B, and the frequency code: 1 original, 7 when a
 * {@code Claim.related} entry has relationship {@code prior} (a replacement), 8 when the claim's status is
 * {@code cancelled} (a void of the related prior claim, or of this claim itself when it names none); CLM06..CLM09
 * from {@link ClaimsProperties}; CLM11 related causes from {@code Claim.accident.type} (v3 ActCode MVA: AA with the
 * accident state in CLM11-4, WPA: EM, anything else: OA).</li>
 * <li>2300 DTP: 439 {@code accident.date}; 431 onset of current illness from a {@code supportingInfo} of category
 * {@code onset}; any 2300 date qualifier (454 initial treatment, 304 last seen, 453, 484, 455, 471, 314, 360, 361,
 * 297, 296, 435, 096, 090, 091, 444, 050) from a {@code supportingInfo} whose {@code code} is coded in
 * {@value Claim837Writer#X12_DATE_QUALIFIER_SYSTEM}; 435/096 admission and discharge from a {@code supportingInfo}
 * of category {@code hospitalized} with a period. The date is {@code timingDate}, else {@code timingPeriod.start}.
 * </li>
 * <li>2300 HI: the ICD-10-CM codes of {@code Claim.diagnosis} by {@code sequence}, without the dot: ABK the first,
 * ABF the others (at most 12).</li>
 * <li>2310A referring (NM1*DN), 2310B rendering (NM1*82 and PRV*PE taxonomy when known; left out when it is the
 * billing provider), 2310D supervising (NM1*DQ): the first {@code careTeam} member whose role code is
 * {@code referring}; {@code primary}, {@code rendering} or {@code performing}; {@code supervisor} or
 * {@code supervising} (the codes of claimcareteamrole and of CARIN's care team roles). 2310C service facility
 * (NM1*77, N3/N4, NPI when it has one): the {@code Claim.facility} Location, unless it has the billing provider's
 * address.</li>
 * <li>2400 per {@code Claim.item}: LX; SV1 with HC, the CPT or HCPCS code and up to four modifiers, {@code net}, UN
 * and {@code quantity}, the place of service when it differs from CLM05-1, and the diagnosis pointers (the HI
 * positions of {@code diagnosisSequence}, up to four); DTP*472 the date ({@code servicedDate}, or RD8 for a period
 * over several days); REF*6R; 2410 drug; 2420A rendering when the line's care team member is not the claim's
 * rendering provider; 2430 each earlier payer's adjudication of the line (SVD with SVD03 as SV101, CAS,
 * DTP*573), see {@link PayerAdjudication}.</li>
 * </ul>
 */
final class Claim837pMapping extends Claim837Mapping {

	static final int MAX_DIAGNOSES = 12;
	static final int MAX_LINES = 50;
	static final int MAX_POINTERS = 4;

	/** The 2300 DTP qualifiers of 005010X222A1. */
	private static final Set<String> CLAIM_DATE_QUALIFIERS = Set.of("431", "454", "304", "453", "439", "484", "455",
			"471", "314", "360", "361", "297", "296", "435", "096", "090", "091", "444", "050");
	static final Set<String> RENDERING_ROLES = Set.of("primary", "rendering", "performing");
	private static final Set<String> REFERRING_ROLES = Set.of("referring");
	private static final Set<String> SUPERVISING_ROLES = Set.of("supervisor", "supervising");

	/** HI position (1-based) of each {@code Claim.diagnosis.sequence}. */
	private final Map<Integer, Integer> diagnosisPositions = new HashMap<>();
	private String claimPlaceOfService;

	Claim837pMapping(Claim claim, ClaimReferences references, String label, ClearinghouseProperties connection,
			ClaimsProperties defaults, ZonedDateTime now) {
		super(claim, references, label, connection, defaults, now);
	}

	@Override
	X12Guide guide() {
		return X12Guide.CLAIM_837P;
	}

	@Override
	String transaction() {
		return "837P";
	}

	@Override
	String filingIndicator(Coverage coverage, String fallback) {
		return Claim837Codes.filingIndicator(coverage, fallback, false);
	}

	@Override
	void claimLevel(String controlNumber, int focal) {
		String frequency = frequency();
		List<ItemComponent> items = claim.getItem();
		claimPlaceOfService = items.isEmpty() ? null : placeOfService(items.get(0));
		String total = totalCharge();
		String[] relatedCauses = relatedCauses();
		add("CLM", controlNumber, total, "", "",
				composite(claimPlaceOfService, "B", frequency),
				defaults.providerSignatureOnFile() ? "Y" : "N", defaults.assignment(), defaults.benefitsAssignment(),
				defaults.releaseOfInformation(), "",
				relatedCauses == null ? "" : composite(relatedCauses));
		claimDates();
		claimReferences(frequency, focal);
		diagnoses();
		careTeam();
		otherPayers(focal);
		int lines = lineCount(MAX_LINES);
		for (int i = 0; i < lines; i++) {
			line(i);
		}
		balance();
	}

	/** CLM05-3: 1 original, 7 replacement, 8 void. */
	private String frequency() {
		if (claim.getStatus() == Claim.ClaimStatus.CANCELLED) {
			return "8";
		}
		return priorClaim() >= 0 ? "7" : "1";
	}

	/** CLM11: AA auto accident (with the state), EM employment, OA another accident; null without one. */
	private String[] relatedCauses() {
		if (!claim.hasAccident()) {
			return null;
		}
		Set<String> types = new HashSet<>();
		claim.getAccident().getType().getCoding().forEach(c -> types.add(String.valueOf(c.getCode())));
		if (types.contains("MVA")) {
			String state = claim.getAccident().hasLocationAddress()
					? X12Values.text(claim.getAccident().getLocationAddress().getState(), 30) : "";
			if (state.isEmpty()) {
				missing("The state of the auto accident", "Enter the state where the accident happened "
						+ "(Claim.accident.locationAddress.state).", "Claim.accident.location");
			}
			return new String[] {"AA", "", "", state};
		}
		return new String[] {types.contains("WPA") ? "EM" : "OA"};
	}

	private void claimDates() {
		LocalDate accident = claim.hasAccident() ? FhirValues.day(claim.getAccident().getDateElement()) : null;
		if (accident != null) {
			add("DTP", "439", "D8", X12Values.date(accident));
		}
		for (SupportingInformationComponent info : claim.getSupportingInfo()) {
			LocalDate date = timing(info, true);
			Coding qualifier = FhirValues.coding(info.getCode(), Claim837Writer.X12_DATE_QUALIFIER_SYSTEM);
			if (qualifier != null && CLAIM_DATE_QUALIFIERS.contains(qualifier.getCode()) && date != null) {
				add("DTP", qualifier.getCode(), "D8", X12Values.date(date));
			} else if (hasCategory(info, Claim837Writer.INFORMATION_CATEGORY_SYSTEM, "onset") && date != null) {
				add("DTP", "431", "D8", X12Values.date(date));
			} else if (hasCategory(info, Claim837Writer.INFORMATION_CATEGORY_SYSTEM, "hospitalized")
					&& info.hasTimingPeriod()) {
				if (date != null) {
					add("DTP", "435", "D8", X12Values.date(date));
				}
				LocalDate discharge = timing(info, false);
				if (discharge != null) {
					add("DTP", "096", "D8", X12Values.date(discharge));
				}
			}
		}
	}

	/** HI: ABK then ABF, by sequence; remembers each sequence's position for the line pointers. */
	private void diagnoses() {
		List<DiagnosisComponent> diagnoses = claim.getDiagnosis();
		if (diagnoses.isEmpty()) {
			problems.add(new Claim837Problem(ErrorCode.CLAIM_837_MISSING_DATA, "The claim has no diagnosis.",
					"Add the ICD-10-CM diagnoses the services treat (the HI segment needs at least one).",
					"Claim.diagnosis"));
			return;
		}
		if (diagnoses.size() > MAX_DIAGNOSES) {
			problems.add(Claim837Problem.notRepresentable("The claim has " + diagnoses.size() + " diagnoses; an "
					+ "837P carries at most " + MAX_DIAGNOSES + ".", "Keep the " + MAX_DIAGNOSES + " the services "
					+ "point to, or split the claim.", "Claim.diagnosis"));
		}
		List<Object> codes = new ArrayList<>();
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < diagnoses.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingInt(i -> diagnoses.get(i).getSequence()));
		for (int i : order) {
			DiagnosisComponent diagnosis = diagnoses.get(i);
			String code = diagnosis.hasDiagnosisCodeableConcept() ? icd10Cm(diagnosis.getDiagnosisCodeableConcept())
					: null;
			if (code == null) {
				missing("The ICD-10-CM code of diagnosis " + (i + 1), "Code the diagnosis in ICD-10-CM "
						+ "(diagnosisCodeableConcept, system " + Icd10CmCodeSet.SYSTEM + ").",
						"Claim.diagnosis[" + i + "].diagnosis");
				continue;
			}
			if (codes.size() < MAX_DIAGNOSES) {
				codes.add(composite(codes.isEmpty() ? "ABK" : "ABF", code));
				diagnosisPositions.put(diagnosis.getSequence(), codes.size());
			}
		}
		if (!codes.isEmpty()) {
			add("HI", codes.toArray());
		}
	}

	/** 2310A referring, 2310B rendering, 2310C service facility, 2310D supervising, in that order. */
	private void careTeam() {
		person("DN", person(careTeamMember(REFERRING_ROLES), "referring"));
		int rendering = careTeamMember(RENDERING_ROLES);
		if (rendering >= 0) {
			Provider provider = careTeamProvider(rendering, "rendering");
			if (provider != null && !isBillingProvider(provider)) {
				rendering(provider, "Claim.careTeam[" + rendering + "].provider.resolve()");
			}
		}
		facility();
		person("DQ", person(careTeamMember(SUPERVISING_ROLES), "supervising"));
	}

	/** NM1*82 and PRV*PE of a rendering provider (2310B, 2420A). */
	private void rendering(Provider provider, String at) {
		requireNpi(provider, "The rendering provider's NPI", at);
		name("82", provider.name(), "XX", provider.npi());
		if (provider.taxonomy() != null) {
			add("PRV", "PE", "PXC", provider.taxonomy());
		}
	}

	private void line(int index) {
		ItemComponent item = claim.getItem().get(index);
		String path = "Claim.item[" + index + "]";
		String at = "line " + (index + 1);
		add("LX", Integer.toString(index + 1));

		List<String> procedure = procedure(item, index, true);
		if (procedure == null) {
			missing("The CPT or HCPCS code of " + at, "Code the service in CPT or HCPCS (productOrService).",
					path + ".productOrService");
			procedure = List.of("HC", "");
		}
		String charge = lineCharge(item, index);
		String units = lineUnits(item, index);
		String place = placeOfService(item);
		if (place == null) {
			missing("The place of service of " + at,
					"Enter the CMS place-of-service code (locationCodeableConcept).", path + ".location");
		}
		add("SV1", procedure, charge, "UN", units, Objects.equals(place, claimPlaceOfService) ? "" : place, "",
				pointers(item, index));
		if (lineFrom(item) == null) {
			missing("The service date of " + at, "Enter the date of service (servicedDate).", path + ".serviced");
		} else {
			lineDate(item);
		}
		add("REF", "6R", Integer.toString(item.getSequence()));
		drug(item, index);
		lineRendering(item);
		lineAdjudications(item, procedure, null, units);
	}

	private static String placeOfService(ItemComponent item) {
		if (!item.hasLocationCodeableConcept()) {
			return null;
		}
		Coding coding = FhirValues.coding(item.getLocationCodeableConcept(), PlaceOfServiceCodeSet.SYSTEM);
		return coding == null ? null : coding.getCode().strip();
	}

	/** SV107: the HI positions of the line's diagnosis sequences. */
	private List<String> pointers(ItemComponent item, int index) {
		String path = "Claim.item[" + index + "].diagnosisSequence";
		List<PositiveIntType> sequences = item.getDiagnosisSequence();
		List<String> pointers = new ArrayList<>();
		if (sequences.isEmpty()) {
			missing("The diagnosis pointers of line " + (index + 1), "Point the line at the diagnoses it treats "
					+ "(diagnosisSequence, one to four).", path);
		} else if (sequences.size() > MAX_POINTERS) {
			problems.add(Claim837Problem.notRepresentable("Line " + (index + 1) + " points at "
					+ sequences.size() + " diagnoses; an 837P line carries at most " + MAX_POINTERS + ".",
					"Keep the four most relevant pointers.", path));
		}
		for (int p = 0; p < sequences.size() && p < MAX_POINTERS; p++) {
			Integer sequence = sequences.get(p).getValue();
			Integer position = sequence == null ? null : diagnosisPositions.get(sequence);
			if (position == null) {
				if (!claim.getDiagnosis().isEmpty() && claim.getDiagnosis().size() <= MAX_DIAGNOSES) {
					problems.add(Claim837Problem.notRepresentable("Line " + (index + 1) + " points at diagnosis "
							+ sequence + ", which the claim does not list.",
							"Point at a Claim.diagnosis.sequence of this claim.", path + "[" + p + "]"));
				}
				continue;
			}
			pointers.add(position.toString());
		}
		return pointers.isEmpty() ? null : pointers;
	}

	/** 2420A when the line's care team member is not the claim's rendering provider. */
	private void lineRendering(ItemComponent item) {
		int claimRendering = careTeamMember(RENDERING_ROLES);
		for (PositiveIntType sequence : item.getCareTeamSequence()) {
			for (int m = 0; m < claim.getCareTeam().size(); m++) {
				CareTeamComponent member = claim.getCareTeam().get(m);
				boolean rendering = !member.hasRole()
						|| member.getRole().getCoding().stream().anyMatch(c -> RENDERING_ROLES.contains(c.getCode()));
				if (sequence.getValue() == null || member.getSequence() != sequence.getValue() || !rendering) {
					continue;
				}
				if (m == claimRendering || claimRendering >= 0 && Objects.equals(member.getProvider().getReference(),
						claim.getCareTeam().get(claimRendering).getProvider().getReference())) {
					return;
				}
				Provider provider = careTeamProvider(m, "rendering");
				if (provider != null && !isBillingProvider(provider)) {
					rendering(provider, "Claim.careTeam[" + m + "].provider.resolve()");
				}
				return;
			}
		}
	}
}
