package org.openrcm.server.terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.openrcm.terminology.CodeSetVersions;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.DatedCodeSet;
import org.openrcm.terminology.StarterTerminology;
import org.openrcm.terminology.VersionRegistry;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.imports.CodeSetKind;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.ImportedCodeSet;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.modifiers.ModifierCodeSet;
import org.openrcm.terminology.ncci.AddOnCodeTable;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.NcciQuarter;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.nucc.NuccTaxonomyCodeSet;
import org.openrcm.terminology.pos.PlaceOfService;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;
import org.openrcm.terminology.x12codes.X12CodeList;
import org.openrcm.terminology.x12codes.X12CodeSet;

/**
 * The code sets in service, by FHIR system URL: what {@code $lookup} and {@code $validate-code} answer from.
 * Immutable; {@link #with(ImportReport)} returns a new catalog, so the server swaps catalogs atomically after an
 * import succeeded and a request always sees one consistent set.
 *
 * <p>ICD-10-CM and HCPCS keep every loaded release and answer by date of service. The starter releases OpenRCM
 * ships are fragments: they answer only until a complete release of the same code set is imported. Modifiers are
 * answered in the system of their kind (HCPCS Level II or CPT). Without a licensee's CPT file OpenRCM knows CPT codes
 * only from CMS's public files, which do not list them all, so a well-formed CPT code is accepted then.
 */
final class TerminologyCatalog {

	/** CPT Category I (five digits), II (four digits and F), III (T) and PLA (U) codes. */
	private static final Pattern CPT_SHAPE = Pattern.compile("\\d{4}[0-9FTU]");

	private final CodeSetVersions<Icd10CmCodeSet> icd10cm;
	private final CodeSetVersions<HcpcsCodeSet> hcpcs;
	private final CptCodeSet cpt;
	private final ModifierCodeSet modifiers;
	private final PlaceOfServiceCodeSet placeOfService;
	private final Map<X12CodeList, X12CodeSet> x12;
	private final NuccTaxonomyCodeSet taxonomy;
	private final EditTables editTables;
	private final Map<String, CodeSet> bySystem;
	private final BillingTerminology billing;

	private TerminologyCatalog(
			CodeSetVersions<Icd10CmCodeSet> icd10cm,
			CodeSetVersions<HcpcsCodeSet> hcpcs,
			CptCodeSet cpt,
			ModifierCodeSet modifiers,
			PlaceOfServiceCodeSet placeOfService,
			Map<X12CodeList, X12CodeSet> x12,
			NuccTaxonomyCodeSet taxonomy,
			EditTables editTables) {
		this.icd10cm = icd10cm;
		this.hcpcs = hcpcs;
		this.cpt = cpt;
		this.modifiers = modifiers;
		this.placeOfService = placeOfService;
		this.x12 = Map.copyOf(x12);
		this.taxonomy = taxonomy;
		this.editTables = editTables;
		Map<String, CodeSet> systems = new LinkedHashMap<>();
		systems.put(Icd10CmCodeSet.SYSTEM, dated("ICD-10-CM", Kind.DIAGNOSIS, icd10cm, null, () -> newest(icd10cm)
				.map(release -> release.codes().stream()
						.map(c -> new Concept(c.code(), c.display(), c.billable()))
						.toList())
				.orElse(List.of())));
		systems.put(HcpcsCodeSet.SYSTEM, dated("HCPCS Level II", Kind.PROCEDURE, hcpcs, modifiers, () -> {
			List<Concept> concepts = new ArrayList<>();
			newest(hcpcs).ifPresent(release ->
					release.codes().forEach(c -> concepts.add(new Concept(c.code(), c.display(), true))));
			modifiers.all().stream()
					.filter(m -> m.kind().system().equals(HcpcsCodeSet.SYSTEM))
					.forEach(m -> concepts.add(new Concept(m.code(), m.description(), true)));
			return concepts;
		}));
		systems.put(CptCodeSet.SYSTEM, new CodeSet("CPT", Kind.PROCEDURE, List.of(cpt.version()), (code, date, version) -> {
			CodeValidation answer = cpt.validate(code, date);
			if (answer.status() == CodeStatus.UNKNOWN && !cpt.hasDescriptors() && CPT_SHAPE.matcher(answer.code()).matches()) {
				// without a licensed CPT file the public files do not list every CPT code: a well-formed code stands
				return new CodeValidation(CptCodeSet.SYSTEM, answer.code(), CodeStatus.VALID, null, cpt.version(),
						date, Coverage.COVERED);
			}
			return answer.status() == CodeStatus.UNKNOWN ? modifierOr(answer, CptCodeSet.SYSTEM, code, date) : answer;
		}, () -> cpt.codes().stream()
				.sorted()
				.map(code -> new Concept(code, cpt.descriptor(code).orElse(null), true))
				.toList()));
		systems.put(PlaceOfServiceCodeSet.SYSTEM, new CodeSet(
				"Place of Service", Kind.OTHER, List.of(placeOfService.version()), (code, date, version) -> {
					PlaceOfService found = placeOfService.get(code == null ? "" : code.trim());
					return new CodeValidation(PlaceOfServiceCodeSet.SYSTEM, code == null ? "" : code.trim(),
							found == null ? CodeStatus.UNKNOWN : CodeStatus.VALID, found == null ? null : found.name(),
							placeOfService.version(), date, Coverage.COVERED);
				}, () -> placeOfService.codes().stream().map(p -> new Concept(p.code(), p.name(), true)).toList()));
		x12.forEach((list, set) -> systems.put(list.system(), new CodeSet(
				list.title(), Kind.OTHER, List.of(set.version()), (code, date, v) -> set.validate(code, date),
				() -> set.codes().stream().map(c -> new Concept(c.code(), c.description(), true)).toList())));
		if (taxonomy != null) {
			systems.put(NuccTaxonomyCodeSet.SYSTEM, new CodeSet(
					"NUCC provider taxonomy", Kind.OTHER, List.of(taxonomy.version()),
					(code, date, v) -> taxonomy.validate(code, date),
					() -> taxonomy.codes().stream().map(t -> new Concept(t.code(), t.displayName(), true)).toList()));
		}
		this.bySystem = Collections.unmodifiableMap(systems); // in this order: indexing and listings are repeatable
		this.billing = new BillingTerminology(this, editTables.ptp(), editTables.mue(), editTables.addOnCodes(),
				editTables.mce());
	}

	/** What a fresh server knows: the starter set shipped with OpenRCM. */
	static TerminologyCatalog starter() {
		return new TerminologyCatalog(
				CodeSetVersions.<Icd10CmCodeSet>empty(Icd10CmCodeSet.SYSTEM).with(StarterTerminology.icd10Cm()),
				CodeSetVersions.<HcpcsCodeSet>empty(HcpcsCodeSet.SYSTEM).with(StarterTerminology.hcpcs()),
				StarterTerminology.cpt(),
				StarterTerminology.modifiers(),
				StarterTerminology.placeOfService(),
				Map.of(),
				null,
				EditTables.NONE);
	}

	/** This catalog plus what an import loaded; complete releases retire the starter fragments. */
	TerminologyCatalog with(ImportReport report) {
		CodeSetVersions<Icd10CmCodeSet> newIcd = icd10cm;
		CodeSetVersions<HcpcsCodeSet> newHcpcs = hcpcs;
		CptCodeSet newCpt = cpt;
		ModifierCodeSet newModifiers = modifiers;
		PlaceOfServiceCodeSet newPos = placeOfService;
		Map<X12CodeList, X12CodeSet> newX12 = new LinkedHashMap<>(x12);
		NuccTaxonomyCodeSet newTaxonomy = taxonomy;
		EditTables newEdits = editTables;
		for (ImportedCodeSet set : report.loaded()) {
			switch (set.kind()) {
				case ICD10CM_ORDER_FILE, ICD10CM_CSV -> newIcd = withRelease(newIcd, set.value(Icd10CmCodeSet.class),
						Icd10CmCodeSet::complete, Icd10CmCodeSet.SYSTEM);
				case HCPCS_RECORD_FILE, HCPCS_CSV -> newHcpcs = withRelease(newHcpcs, set.value(HcpcsCodeSet.class),
						HcpcsCodeSet::complete, HcpcsCodeSet.SYSTEM);
				case CPT -> newCpt = set.value(CptCodeSet.class);
				case MODIFIERS -> newModifiers = set.value(ModifierCodeSet.class);
				case PLACE_OF_SERVICE -> newPos = set.value(PlaceOfServiceCodeSet.class);
				case X12_ADJUSTMENT_CODES -> {
					@SuppressWarnings("unchecked")
					Map<X12CodeList, X12CodeSet> lists = set.value(Map.class);
					newX12.putAll(lists);
				}
				case NUCC_TAXONOMY -> newTaxonomy = set.value(NuccTaxonomyCodeSet.class);
				case NCCI_PTP -> newEdits = newEdits.withPtp(set.value(PtpTable.class));
				case NCCI_MUE -> {
					MueTable table = set.value(MueTable.class);
					if (table.serviceType().equals("practitioner")) { // facility and DME MUEs apply to other claims
						newEdits = newEdits.withMue(table);
					}
				}
				case NCCI_AOC -> newEdits = newEdits.withAddOnCodes(set.value(AddOnCodeTable.class));
				case MCE_DIAGNOSIS_EDITS -> newEdits = newEdits.withMce(set.value(MceDiagnosisEdits.class));
				default -> {
					// tabular notes, fee-schedule and descriptor files feed the code sets above, not lookups
				}
			}
		}
		return new TerminologyCatalog(newIcd, newHcpcs, newCpt, newModifiers, newPos, newX12, newTaxonomy, newEdits);
	}

	/** The code sets and edit tables as other features read them. */
	BillingTerminology billing() {
		return billing;
	}

	ModifierCodeSet modifiers() {
		return modifiers;
	}

	private static <T extends DatedCodeSet> CodeSetVersions<T> withRelease(
			CodeSetVersions<T> current, T release, Predicate<T> complete, String system) {
		CodeSetVersions<T> base = current;
		if (complete.test(release) && current.releases().stream().noneMatch(complete)) {
			base = CodeSetVersions.empty(system);
		}
		return base.with(release);
	}

	/** The code set answering for a system URL (without {@code |version}). */
	Optional<CodeSet> codeSet(String system) {
		return Optional.ofNullable(system == null ? null : bySystem.get(system));
	}

	Collection<String> systems() {
		return bySystem.keySet();
	}

	/** One line per system and edit table for health details: name and the versions loaded. */
	Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		bySystem.forEach((system, set) -> summary.put(set.name(), String.join(", ", set.versions())));
		editTables.summary(summary);
		return summary;
	}

	private static <T extends DatedCodeSet> Optional<T> newest(CodeSetVersions<T> versions) {
		return versions.resolve(LocalDate.of(9999, 12, 31)).map(resolution -> resolution.value());
	}

	private CodeSet dated(String name, Kind kind, CodeSetVersions<? extends DatedCodeSet> versions,
			ModifierCodeSet modifiers, Supplier<List<Concept>> concepts) {
		List<String> labels = new ArrayList<>(versions.releases().stream().map(DatedCodeSet::version).toList());
		return new CodeSet(name, kind, labels, (code, date, version) -> {
			CodeValidation answer = version == null
					? versions.validate(code, date)
					: versions.release(version).orElseThrow().validate(code, date, Coverage.COVERED);
			return answer.status() == CodeStatus.UNKNOWN && modifiers != null
					? modifierOr(answer, versions.system(), code, date)
					: answer;
		}, concepts);
	}

	/** A modifier of the system's kind when the code is one, else the code set's own answer. */
	private CodeValidation modifierOr(CodeValidation answer, String system, String code, LocalDate date) {
		CodeValidation modifier = modifiers.validate(code, date);
		return modifier.status() != CodeStatus.UNKNOWN && modifier.system().equals(system) ? modifier : answer;
	}

	/**
	 * The scrubber's edit tables by release. NCCI tables are practitioner tables by quarter (a professional claim's
	 * edits); the MCE diagnosis edits by MCE version.
	 */
	record EditTables(VersionRegistry<PtpTable> ptp, VersionRegistry<MueTable> mue,
			VersionRegistry<AddOnCodeTable> addOnCodes, VersionRegistry<MceDiagnosisEdits> mce) {

		static final EditTables NONE = new EditTables(VersionRegistry.empty(), VersionRegistry.empty(),
				VersionRegistry.empty(), VersionRegistry.empty());

		EditTables withPtp(PtpTable table) {
			return new EditTables(ptp.with(table.quarter().label(), table.period(), table), mue, addOnCodes, mce);
		}

		EditTables withMue(MueTable table) {
			return new EditTables(ptp, mue.with(table.quarter().label(), table.period(), table), addOnCodes, mce);
		}

		EditTables withAddOnCodes(AddOnCodeTable table) {
			NcciQuarter quarter = NcciQuarter.parse(table.version());
			return new EditTables(ptp, mue, addOnCodes.with(quarter.label(), quarter.period(), table), mce);
		}

		EditTables withMce(MceDiagnosisEdits edits) {
			return new EditTables(ptp, mue, addOnCodes, mce.with(edits.version(), edits.period(), edits));
		}

		void summary(Map<String, Object> summary) {
			summary.put("NCCI PTP (practitioner)", versions(ptp));
			summary.put("NCCI MUE (practitioner)", versions(mue));
			summary.put("NCCI add-on codes", versions(addOnCodes));
			summary.put("MCE diagnosis edits", versions(mce));
		}

		private static String versions(VersionRegistry<?> registry) {
			return String.join(", ", registry.releases().stream().map(VersionRegistry.Release::version).toList());
		}
	}

	/** What a code names on a claim: drives {@code kind} in coding suggestions. */
	enum Kind {
		DIAGNOSIS,
		PROCEDURE,
		OTHER
	}

	/** One code of the newest release, as searched and expanded. */
	record Concept(String code, String display, boolean billable) {}

	/**
	 * A code set as the terminology operations see it.
	 *
	 * @param concepts the codes of the newest loaded release (what {@code $expand} lists and full-text search finds)
	 */
	record CodeSet(String name, Kind kind, List<String> versions, Validator validator, Supplier<List<Concept>> concepts) {

		/** Whether the code may be reported on the date, judged by {@code version} when given (must be loaded). */
		CodeValidation validate(String code, LocalDate dateOfService, String version) {
			return validator.validate(code, dateOfService, version);
		}
	}

	@FunctionalInterface
	interface Validator {
		CodeValidation validate(String code, LocalDate dateOfService, String version);
	}
}
