package org.openrcm.benchmark.scrubbing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCode;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.imports.CodeSetKind;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.ImportedCodeSet;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.mce.Sex;
import org.openrcm.terminology.ncci.AddOnCodeTable;
import org.openrcm.terminology.ncci.MueEdit;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.PtpTable;

/**
 * Professional claims as a primary-care or therapy practice sends them, for the scrub benchmarks: 1–6 lines and 1–4
 * diagnoses, dates of service in 2024Q3 (the quarter of the shared NCCI tables), the same claims for the same seed.
 *
 * <p>Codes are real: office E/M visits (99202–99215) on most claims, with the labs, injections, vaccines, skin and
 * joint procedures and therapy codes a practice bills beside them, each kept only when the MUE table of the import
 * lists it; diagnoses from a list of common outpatient codes and from all billable codes of the loaded ICD-10-CM
 * release. The generator codes the way a careful but not perfect coder does, reading the same tables the scrubber
 * reads: a PTP pair of modifier indicator 1 gets modifier 25 on the E/M line (or 59/XS on the column-two line) most
 * of the time, a pair of indicator 0 is usually not billed, add-on codes come with their primary code, units stay
 * within the MUE, diagnoses fit the patient's age and sex (MCE). A small share of each slips through, so most claims
 * scrub clean and some carry the findings a real worklist has.
 *
 * <p>The parties (patient, coverage, payer, billing organization with NPI/EIN/taxonomy/address, rendering
 * practitioner) are either contained in each claim ({@link #containedClaims}) or stored once and referenced
 * ({@link #storedClaims}).
 */
public final class ClaimGenerator {

	/** First and last date of service of the claims: inside the 2024Q3 tables and the FY2024 ICD-10-CM release. */
	public static final LocalDate FIRST_DATE = LocalDate.of(2024, 7, 1);
	public static final LocalDate LAST_DATE = LocalDate.of(2024, 9, 26);
	/** The day the claims are scrubbed (the benchmark's clock): the end of the quarter. */
	public static final LocalDate SCRUB_DATE = LocalDate.of(2024, 9, 30);
	/** Patients the claims are spread over by default. */
	public static final int MEMBERS = 200;

	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String HCPCS = HcpcsCodeSet.SYSTEM;
	static final String ICD10CM = Icd10CmCodeSet.SYSTEM;
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String NPI = "http://hl7.org/fhir/sid/us-npi";
	static final String EIN = "urn:oid:2.16.840.1.113883.4.4";
	static final String NUCC = "http://nucc.org/provider-taxonomy";

	/** Office E/M codes by how often a practice bills them. */
	private static final Map<String, Service> EVALUATION = services(
			"99211:45:4", "99212:80:10", "99213:125:40", "99214:185:30", "99215:250:8",
			"99202:110:1", "99203:165:3", "99204:250:3", "99205:320:1");
	/** Office procedures billed beside a visit, by frequency. */
	private static final Map<String, Service> OFFICE = services(
			"36415:15:12", "85025:30:8", "80053:42:7", "80061:45:5", "83036:35:5", "81002:12:5", "87880:30:3",
			"93000:60:4", "71046:95:2", "96372:40:5", "90471:25:6", "20610:120:3", "11102:115:2", "17000:85:2",
			"17110:95:2", "12001:150:1", "10060:135:1", "69210:60:2", "94640:28:2", "94010:48:1", "29125:75:1",
			"99406:18:1", "G0444:20:1");
	/** Drugs given with an injection (96372), with the usual units. */
	private static final Map<String, Service> DRUGS = services(
			"J1100:6:4:10", "J3301:12:1:4", "J1885:8:1:2", "J0696:15:1:4", "J3420:10:1:1");
	/** Vaccines given with an administration (90471, then 90472). */
	private static final Map<String, Service> VACCINES = services(
			"90686:28:8", "90715:55:3", "90750:190:2", "90732:130:1", "90677:250:1");
	/** A physical therapy visit. */
	private static final Map<String, Service> THERAPY = services(
			"97110:40:10:1:4", "97140:38:8:1:3", "97530:42:6:1:3", "97112:40:4:1:2", "97116:38:2:1:2",
			"97161:110:2", "G0283:18:3");
	/** Add-on codes with the primary they are billed with. */
	private static final Map<String, Service> ADD_ONS = services(
			"90472:20:1", "11103:60:1:1:2", "17003:12:1:2:6", "99417:70:1");

	/** Diagnoses a primary-care office codes every day (checked against the loaded release). */
	private static final List<String> COMMON_DIAGNOSES = List.of(
			"I10", "E11.9", "E11.65", "E78.5", "E78.2", "E66.9", "E03.9", "J06.9", "J02.9", "J20.9", "J01.90",
			"J45.909", "J44.9", "R05.9", "R50.9", "M54.50", "M54.2", "M25.561", "M25.511", "M17.11", "N39.0", "K21.9",
			"K59.00", "F41.1", "F32.A", "F17.210", "G47.00", "G43.909", "R51.9", "R10.9", "R42", "R53.83", "Z00.00",
			"Z00.01", "Z23", "L57.0", "B07.9", "H61.21", "H61.23", "L70.0", "L30.9", "S93.401A", "D64.9", "E55.9",
			"N40.0", "N94.6", "Z01.419", "Z79.4", "R73.03", "J30.9", "M79.10", "M62.81", "R26.89", "Z96.651");

	private static final int[] LINE_WEIGHTS = {0, 22, 28, 22, 14, 8, 6}; // by line count 1..6
	private static final int[] DIAGNOSIS_WEIGHTS = {0, 35, 30, 20, 15}; // by diagnosis count 1..4
	private static final String[] FAMILY = {"Garcia", "Smith", "Nguyen", "Johnson", "Patel", "Williams", "Brown",
		"Kim", "Lopez", "Miller", "Davis", "Wilson", "Anderson", "Thomas", "Moore", "Jackson", "Martin", "Lee"};
	private static final String[] GIVEN_F = {"Maria", "Emily", "Linh", "Aisha", "Sarah", "Grace", "Olivia", "Rosa"};
	private static final String[] GIVEN_M = {"James", "David", "Minh", "Omar", "Robert", "Luis", "Ethan", "Daniel"};
	private static final String[][] PLACES = {{"Springfield", "IL", "62704"}, {"Columbus", "OH", "43215"},
		{"Austin", "TX", "78701"}, {"Tacoma", "WA", "98402"}, {"Raleigh", "NC", "27601"}, {"Fresno", "CA", "93721"}};

	private final PtpTable ptp;
	private final MueTable mue;
	private final AddOnCodeTable addOns;
	private final MceDiagnosisEdits mce;
	private final List<String> commonDiagnoses;
	private final List<String> billableDiagnoses;
	private final Map<String, Service> office;
	private final Map<String, Service> drugs;
	private final Map<String, Service> vaccines;
	private final Map<String, Service> therapy;
	private final long seed;
	private final List<String> notes = new ArrayList<>();

	/**
	 * @param report an import of the shared terminology folder: ICD-10-CM, NCCI PTP, MUE and add-on tables, MCE
	 * @param seed the same seed gives the same claims
	 */
	public ClaimGenerator(ImportReport report, long seed) {
		this.seed = seed;
		this.ptp = table(report, CodeSetKind.NCCI_PTP, PtpTable.class);
		this.mue = table(report, CodeSetKind.NCCI_MUE, MueTable.class);
		this.addOns = table(report, CodeSetKind.NCCI_AOC, AddOnCodeTable.class);
		this.mce = table(report, CodeSetKind.MCE_DIAGNOSIS_EDITS, MceDiagnosisEdits.class);
		Icd10CmCodeSet icd = icd10Cm(report);
		this.billableDiagnoses = icd.codes().stream().filter(Icd10CmCode::billable).map(Icd10CmCode::code).toList();
		this.commonDiagnoses = COMMON_DIAGNOSES.stream().filter(code -> {
			Icd10CmCode found = icd.get(code);
			if (found == null || !found.billable()) {
				notes.add("common diagnosis " + code + " is not billable in ICD-10-CM " + icd.version() + ": not used");
				return false;
			}
			return true;
		}).toList();
		this.office = known(OFFICE);
		this.drugs = known(DRUGS);
		this.vaccines = known(VACCINES);
		this.therapy = known(THERAPY);
		// the E/M visits and add-ons are what most pairs and edits hang on: all of them must be in the tables
		if (known(EVALUATION).size() < EVALUATION.size() || known(ADD_ONS).size() < ADD_ONS.size()) {
			throw new IllegalStateException("an E/M or add-on code is missing from the MUE table: " + notes);
		}
		int inPtp = 0;
		int all = 0;
		for (Map<String, Service> services : List.of(EVALUATION, office, drugs, vaccines, therapy, ADD_ONS)) {
			for (String code : services.keySet()) {
				all++;
				inPtp += ptp.codeNumber(code) >= 0 ? 1 : 0;
			}
		}
		notes.add(all + " procedure codes in use, " + inPtp + " of them in PTP edits, all with an MUE; "
				+ commonDiagnoses.size() + " common diagnoses and " + billableDiagnoses.size()
				+ " billable ICD-10-CM codes of release " + icd.version());
	}

	/** What the generator noticed about the tables (codes left out, how many codes are in use). */
	public List<String> notes() {
		return List.copyOf(notes);
	}

	/**
	 * {@code count} claims, each with its patient, coverage, payer and providers contained ({@code #id}); spread
	 * over {@link #MEMBERS} patients, so they are the claims {@link #storedClaims} makes with as many patients.
	 */
	public List<Claim> containedClaims(int count) {
		Random random = new Random(seed);
		Directory directory = new Directory(random, MEMBERS);
		List<Claim> claims = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			Member member = directory.members.get(random.nextInt(directory.members.size()));
			Practice practice = directory.practice(random);
			Claim claim = new Claim();
			Patient patient = member.patient.copy();
			patient.setId("patient");
			Organization payer = directory.payer.copy();
			payer.setId("payer");
			Coverage coverage = coverage(member, new Reference("#patient"), new Reference("#payer"));
			coverage.setId("coverage");
			Organization billing = practice.billing.copy();
			billing.setId("billing");
			Practitioner rendering = practice.rendering.copy();
			rendering.setId("rendering");
			claim.addContained(patient).addContained(coverage).addContained(payer).addContained(billing)
					.addContained(rendering);
			fill(claim, n, random, member, practice, new Reference("#patient"), new Reference("#coverage"),
					new Reference("#payer"), new Reference("#billing"), new Reference("#rendering"));
			claims.add(claim);
		}
		return claims;
	}

	/**
	 * {@code count} claims that reference stored resources: the payer, the practices (billing Organization and
	 * rendering Practitioner) and the members (Patient and Coverage) are handed to {@code store} once, which stores
	 * each and answers its reference ({@code Patient/123}).
	 *
	 * @param members how many patients (each with a Coverage) the claims are spread over
	 */
	public StoredClaims storedClaims(int count, int members, Function<Resource, String> store) {
		Random random = new Random(seed);
		Directory directory = new Directory(random, members);
		Reference payer = new Reference(store.apply(directory.payer));
		Map<Practice, Reference[]> practices = new LinkedHashMap<>();
		for (Practice practice : directory.practices) {
			practices.put(practice, new Reference[] {new Reference(store.apply(practice.billing)),
				new Reference(store.apply(practice.rendering))});
		}
		List<String> patients = new ArrayList<>();
		Map<Member, Reference[]> stored = new LinkedHashMap<>();
		for (Member member : directory.members) {
			Reference patient = new Reference(store.apply(member.patient));
			patients.add(patient.getReference());
			stored.put(member, new Reference[] {patient, new Reference(store.apply(coverage(member, patient, payer)))});
		}
		List<Claim> claims = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			Member member = directory.members.get(random.nextInt(directory.members.size()));
			Practice practice = directory.practice(random);
			Claim claim = new Claim();
			fill(claim, n, random, member, practice, stored.get(member)[0].copy(), stored.get(member)[1].copy(),
					payer.copy(), practices.get(practice)[0].copy(), practices.get(practice)[1].copy());
			claims.add(claim);
		}
		return new StoredClaims(claims, patients);
	}

	/**
	 * Claims that reference stored resources.
	 *
	 * @param patients the stored patients' references ({@code Patient/123})
	 */
	public record StoredClaims(List<Claim> claims, List<String> patients) {}

	// --- one claim ---------------------------------------------------------------------------------------------

	private void fill(Claim claim, int n, Random random, Member member, Practice practice, Reference patient,
			Reference coverage, Reference payer, Reference billing, Reference rendering) {
		LocalDate date = FIRST_DATE.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(FIRST_DATE, LAST_DATE) + 1));
		List<Line> lines = practice.therapy ? therapyLines(random, date) : officeLines(random, date);
		code(lines, random);
		int age = java.time.Period.between(member.birthDate, date).getYears();
		List<String> diagnoses = diagnoses(random, age, member.sex);

		String pos = practice.therapy ? "11" : placeOfService(random, lines);
		BigDecimal total = BigDecimal.ZERO;
		LocalDate last = date;
		for (int i = 0; i < lines.size(); i++) {
			Line line = lines.get(i);
			last = line.date.isAfter(last) ? line.date : last;
			BigDecimal net = line.service.charge.multiply(BigDecimal.valueOf(line.units));
			total = total.add(net);
			Claim.ItemComponent item = claim.addItem()
					.setSequence(i + 1)
					.setProductOrService(new CodeableConcept(new Coding(line.service.system(), line.service.code, null)))
					.setServiced(new DateType(line.date.toString()))
					.setLocation(new CodeableConcept(new Coding(POS, pos, null)))
					.setQuantity(new Quantity(line.units))
					.setUnitPrice(usd(line.service.charge))
					.setNet(usd(net));
			item.addCareTeamSequence(1);
			for (String modifier : line.modifiers) {
				item.addModifier(new CodeableConcept(new Coding(modifier.startsWith("X") ? HCPCS : CPT, modifier, null)));
			}
			int pointers = 1 + random.nextInt(Math.min(diagnoses.size(), 4));
			for (int p = 0; p < pointers; p++) {
				item.addDiagnosisSequence(1 + (i + p) % diagnoses.size());
			}
		}
		for (int d = 0; d < diagnoses.size(); d++) {
			claim.addDiagnosis().setSequence(d + 1)
					.setDiagnosis(new CodeableConcept(new Coding(ICD10CM, diagnoses.get(d), null)));
		}
		LocalDate created = last.plusDays(random.nextInt(4));
		claim.setStatus(Claim.ClaimStatus.ACTIVE)
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional",
						null)))
				.setUse(Claim.Use.CLAIM)
				.setPatient(patient)
				.setBillablePeriod(new Period().setStartElement(new DateTimeType(date.toString()))
						.setEndElement(new DateTimeType(last.toString())))
				.setCreatedElement(new DateTimeType((created.isAfter(SCRUB_DATE) ? SCRUB_DATE : created).toString()))
				.setProvider(billing)
				.setInsurer(payer)
				.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
						"normal", null)))
				.setTotal(usd(total));
		claim.addIdentifier().setSystem("http://bench.example.org/claim").setValue("BENCH-" + seed + "-" + n);
		claim.addCareTeam().setSequence(1).setProvider(rendering).setRole(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/claimcareteamrole", "primary", null)));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(coverage);
	}

	private List<Line> officeLines(Random random, LocalDate date) {
		int target = pick(random, LINE_WEIGHTS);
		List<Line> lines = new ArrayList<>();
		Line visit = null;
		if (random.nextInt(100) < 88) {
			visit = new Line(weighted(random, EVALUATION), date, 1);
			lines.add(visit);
		}
		Set<String> billed = new HashSet<>();
		while (lines.size() < target) {
			Service service = weighted(random, office);
			if (!billed.add(service.code)) {
				continue;
			}
			lines.add(new Line(service, date, 1));
			switch (service.code) {
				case "96372" -> lines.add(new Line(weighted(random, drugs), date, 0).unitsFrom(random));
				case "90471" -> {
					Service first = weighted(random, vaccines);
					lines.add(new Line(first, date, 1));
					if (random.nextInt(100) < 35) {
						Service second = weighted(random, vaccines);
						if (second != first) {
							lines.add(new Line(second, date, 1));
							lines.add(new Line(ADD_ONS.get("90472"), date, 1));
						}
					}
				}
				case "11102" -> {
					if (random.nextInt(100) < 30) {
						lines.add(new Line(ADD_ONS.get("11103"), date, 0).unitsFrom(random));
					}
				}
				case "17000" -> {
					if (random.nextInt(100) < 50) {
						lines.add(new Line(ADD_ONS.get("17003"), date, 0).unitsFrom(random));
					}
				}
				default -> {
					// no companion line
				}
			}
		}
		if (visit != null && (visit.service.code.equals("99205") || visit.service.code.equals("99215"))
				&& random.nextInt(100) < 20) {
			lines.add(new Line(ADD_ONS.get("99417"), date, 1));
		}
		return lines.size() > 6 ? new ArrayList<>(lines.subList(0, 6)) : lines;
	}

	private List<Line> therapyLines(Random random, LocalDate date) {
		int target = Math.min(pick(random, LINE_WEIGHTS), therapy.size());
		// a therapy claim often covers two visits of the week
		LocalDate second = random.nextInt(100) < 25 && date.plusDays(2).isBefore(LAST_DATE.plusDays(1))
				? date.plusDays(2) : date;
		List<Line> lines = new ArrayList<>();
		Set<String> billed = new HashSet<>();
		while (lines.size() < target) {
			Service service = weighted(random, therapy);
			if (billed.add(service.code)) {
				lines.add(new Line(service, lines.size() < (target + 1) / 2 ? date : second, 0).unitsFrom(random));
			}
		}
		return lines;
	}

	/**
	 * The coder's pass over the NCCI tables: PTP pairs of modifier indicator 0 are mostly not billed, pairs of
	 * indicator 1 mostly get modifier 25 on the E/M line or 59/XS on the column-two line; add-ons without their
	 * primary are dropped; a few lines get units above the MUE.
	 */
	private void code(List<Line> lines, Random random) {
		for (int j = 1; j < lines.size(); j++) {
			for (int i = 0; i < j; i++) {
				Line a = lines.get(i);
				Line b = lines.get(j);
				if (!a.date.equals(b.date)) {
					continue;
				}
				int day = (int) a.date.toEpochDay();
				int forward = ptp.modifierIndicator(ptp.codeNumber(a.service.code), ptp.codeNumber(b.service.code), day);
				int backward = forward >= 0 ? -1
						: ptp.modifierIndicator(ptp.codeNumber(b.service.code), ptp.codeNumber(a.service.code), day);
				int indicator = forward >= 0 ? forward : backward;
				Line column2 = forward >= 0 ? b : a;
				if (indicator == 0 && random.nextInt(100) < 96) {
					lines.remove(column2);
					j = 0; // start over on the shorter list
					break;
				}
				if (indicator == 1 && random.nextInt(100) < 94) {
					Line visit = EVALUATION.containsKey(a.service.code) ? a : EVALUATION.containsKey(b.service.code) ? b
							: null;
					if (visit != null) {
						visit.modify("25");
					} else if (!column2.hasNcciModifier()) {
						column2.modify(random.nextInt(100) < 70 ? "59" : "XS");
					}
				}
			}
		}
		List<String> codes = lines.stream().map(line -> line.service.code).toList();
		lines.removeIf(line -> addOns.edit(line.service.code)
				.map(edit -> edit.type() == 1 && edit.primaryCodes().stream().noneMatch(codes::contains)).orElse(false));
		for (Line line : lines) {
			Optional<MueEdit> edit = mue.edit(line.service.code);
			int limit = edit.map(MueEdit::maximumUnits).orElse(Integer.MAX_VALUE);
			if (limit > 0 && line.units > limit) {
				line.units = limit;
			}
			if (edit.isPresent() && limit > 0 && limit < 20 && random.nextInt(1000) < 12) {
				line.units = limit + 1;
			}
		}
	}

	private List<String> diagnoses(Random random, int age, Sex sex) {
		int count = pick(random, DIAGNOSIS_WEIGHTS);
		List<String> diagnoses = new ArrayList<>(count);
		while (diagnoses.size() < count) {
			String code = null;
			for (int attempt = 0; attempt < 30 && code == null; attempt++) {
				String candidate = random.nextInt(100) < 65 ? commonDiagnoses.get(random.nextInt(commonDiagnoses.size()))
						: billableDiagnoses.get(random.nextInt(billableDiagnoses.size()));
				boolean fits = mce.check(candidate, age, sex, diagnoses.isEmpty()).isEmpty();
				if (!diagnoses.contains(candidate) && (fits || random.nextInt(100) < 3)) {
					code = candidate;
				}
			}
			if (code == null) {
				break;
			}
			diagnoses.add(code);
		}
		if (diagnoses.isEmpty()) {
			diagnoses.add("R53.83");
		}
		return diagnoses;
	}

	private static String placeOfService(Random random, List<Line> lines) {
		int draw = random.nextInt(100);
		if (lines.size() == 1 && EVALUATION.containsKey(lines.get(0).service.code) && draw < 15) {
			return "10"; // telehealth in the patient's home
		}
		return draw < 92 ? "11" : draw < 96 ? "22" : "19";
	}

	// --- parties -----------------------------------------------------------------------------------------------

	/** The payer, practices and members the claims are spread over. */
	private static final class Directory {

		final Organization payer;
		final List<Practice> practices = new ArrayList<>();
		final List<Member> members = new ArrayList<>();

		Directory(Random random, int memberCount) {
			payer = new Organization().setName("Prairie Mutual Health Plan");
			payer.addIdentifier().setSystem("http://bench.example.org/payer-id").setValue("PMHP1");
			practices.add(newPractice(random, "Maple Street Family Medicine", "207Q00000X", "Family Medicine", false));
			practices.add(newPractice(random, "Riverside Internal Medicine", "207R00000X", "Internal Medicine", false));
			practices.add(newPractice(random, "Northside Pediatrics", "208000000X", "Pediatrics", false));
			practices.add(newPractice(random, "Cedar Physical Therapy", "225100000X", "Physical Therapist", true));
			for (int i = 0; i < memberCount; i++) {
				members.add(member(random, i));
			}
		}

		/** Medical practices bill nine claims in ten, the therapy practice the rest. */
		Practice practice(Random random) {
			int draw = random.nextInt(100);
			return draw < 45 ? practices.get(0) : draw < 80 ? practices.get(1) : draw < 90 ? practices.get(2)
					: practices.get(3);
		}
	}

	private record Practice(Organization billing, Practitioner rendering, boolean therapy) {}

	private static Practice newPractice(Random random, String name, String taxonomy, String taxonomyName, boolean therapy) {
		Organization billing = new Organization().setName(name);
		billing.addIdentifier(new Identifier().setSystem(NPI).setValue(npi(random, '1')));
		billing.addIdentifier(new Identifier().setSystem(EIN).setValue(String.format("%09d", random.nextInt(1_000_000_000))));
		billing.addType(new CodeableConcept(new Coding(NUCC, taxonomy, taxonomyName)));
		billing.addAddress(address(random));
		Practitioner rendering = new Practitioner();
		rendering.addName(new HumanName().setFamily(FAMILY[random.nextInt(FAMILY.length)])
				.addGiven(GIVEN_F[random.nextInt(GIVEN_F.length)]));
		rendering.addIdentifier(new Identifier().setSystem(NPI).setValue(npi(random, '1')));
		rendering.addQualification().setCode(new CodeableConcept(new Coding(NUCC, taxonomy, taxonomyName)));
		return new Practice(billing, rendering, therapy);
	}

	private record Member(Patient patient, LocalDate birthDate, Sex sex, String memberId) {}

	private static Member member(Random random, int index) {
		int draw = random.nextInt(100);
		int age = draw < 15 ? 1 + random.nextInt(17) : draw < 75 ? 18 + random.nextInt(47) : 65 + random.nextInt(26);
		LocalDate birth = FIRST_DATE.minusYears(age).minusDays(random.nextInt(365));
		boolean female = random.nextBoolean();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("http://bench.example.org/mrn").setValue("MRN" + (100_000 + index));
		patient.addName(new HumanName().setFamily(FAMILY[random.nextInt(FAMILY.length)])
				.addGiven(female ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)]));
		patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType(birth.toString()));
		patient.addAddress(address(random));
		return new Member(patient, birth, female ? Sex.FEMALE : Sex.MALE, "W" + (100_000_000 + random.nextInt(900_000_000)));
	}

	private static Coverage coverage(Member member, Reference patient, Reference payer) {
		Coverage coverage = new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setSubscriberId(member.memberId)
				.setBeneficiary(patient)
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.setPeriod(new Period().setStartElement(new DateTimeType("2024-01-01"))
						.setEndElement(new DateTimeType("2024-12-31")));
		coverage.addPayor(payer);
		return coverage;
	}

	private static Address address(Random random) {
		String[] place = PLACES[random.nextInt(PLACES.length)];
		return new Address().addLine((100 + random.nextInt(9000)) + " " + FAMILY[random.nextInt(FAMILY.length)] + " Ave")
				.setCity(place[0]).setState(place[1]).setPostalCode(place[2]);
	}

	/** A ten-digit NPI with a correct check digit (Luhn over 80840 and the first nine digits). */
	static String npi(Random random, char first) {
		StringBuilder digits = new StringBuilder().append(first);
		for (int i = 0; i < 8; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		String payload = "80840" + digits;
		int sum = 0;
		for (int i = 0; i < payload.length(); i++) {
			// from the right of the payload, every other digit starting with the last is doubled
			int digit = payload.charAt(payload.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				digit = digit > 9 ? digit - 9 : digit;
			}
			sum += digit;
		}
		return digits.append((char) ('0' + (10 - sum % 10) % 10)).toString();
	}

	// --- services ----------------------------------------------------------------------------------------------

	/**
	 * A billable service.
	 *
	 * @param minUnits, maxUnits the units usually billed (drugs, therapy minutes, add-ons per lesion)
	 */
	private record Service(String code, BigDecimal charge, int weight, int minUnits, int maxUnits) {

		String system() {
			return Character.isDigit(code.charAt(0)) ? CPT : HCPCS;
		}
	}

	/** {@code code:charge:weight[:minUnits:maxUnits]} each. */
	private static Map<String, Service> services(String... specs) {
		Map<String, Service> services = new LinkedHashMap<>();
		for (String spec : specs) {
			String[] part = spec.split(":");
			int min = part.length > 3 ? Integer.parseInt(part[3]) : 1;
			int max = part.length > 4 ? Integer.parseInt(part[4]) : min;
			services.put(part[0], new Service(part[0], new BigDecimal(part[1] + ".00"), Integer.parseInt(part[2]), min,
					max));
		}
		return services;
	}

	/** The services the MUE table lists (the others are left out, with a note). */
	private Map<String, Service> known(Map<String, Service> services) {
		Map<String, Service> known = new LinkedHashMap<>();
		services.forEach((code, service) -> {
			if (mue.edit(code).isPresent()) {
				known.put(code, service);
			} else {
				notes.add(code + " has no MUE in " + mue.quarter().label() + ": not used");
			}
		});
		if (known.isEmpty()) {
			throw new IllegalStateException("none of " + services.keySet() + " is in the MUE table");
		}
		return known;
	}

	private static Service weighted(Random random, Map<String, Service> services) {
		int total = 0;
		for (Service service : services.values()) {
			total += service.weight;
		}
		int draw = random.nextInt(total);
		for (Service service : services.values()) {
			draw -= service.weight;
			if (draw < 0) {
				return service;
			}
		}
		throw new AssertionError();
	}

	private static int pick(Random random, int[] weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int draw = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			draw -= weights[i];
			if (draw < 0) {
				return i;
			}
		}
		throw new AssertionError();
	}

	private static Money usd(BigDecimal amount) {
		return new Money().setValue(amount).setCurrency("USD");
	}

	/** A service line being coded. */
	private static final class Line {

		final Service service;
		final LocalDate date;
		int units;
		final List<String> modifiers = new ArrayList<>(1);

		Line(Service service, LocalDate date, int units) {
			this.service = service;
			this.date = date;
			this.units = units;
		}

		Line unitsFrom(Random random) {
			units = service.minUnits + random.nextInt(service.maxUnits - service.minUnits + 1);
			return this;
		}

		void modify(String modifier) {
			if (!modifiers.contains(modifier)) {
				modifiers.add(modifier);
			}
		}

		boolean hasNcciModifier() {
			return modifiers.contains("59") || modifiers.contains("XS") || modifiers.contains("25");
		}
	}

	// --- tables ------------------------------------------------------------------------------------------------

	private static <T> T table(ImportReport report, CodeSetKind kind, Class<T> type) {
		return report.first(kind).orElseThrow(() -> new IllegalStateException("the import has no " + kind.label()
				+ " table; point it at the shared terminology-data folder")).value(type);
	}

	/** The complete ICD-10-CM release of the import that covers the claims' dates of service. */
	private static Icd10CmCodeSet icd10Cm(ImportReport report) {
		List<ImportedCodeSet> sets = new ArrayList<>(report.all(CodeSetKind.ICD10CM_CSV));
		sets.addAll(report.all(CodeSetKind.ICD10CM_ORDER_FILE));
		for (ImportedCodeSet set : sets) {
			Icd10CmCodeSet icd = set.value(Icd10CmCodeSet.class);
			if (icd.complete() && icd.period().contains(FIRST_DATE) && icd.period().contains(LAST_DATE)) {
				return icd;
			}
		}
		throw new IllegalStateException("the import has no complete ICD-10-CM release for " + FIRST_DATE + " to "
				+ LAST_DATE);
	}
}
