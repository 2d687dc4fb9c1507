package org.openrcm.terminology.imports;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.cpt.CptCodeSetBuilder;
import org.openrcm.terminology.cpt.CptDescriptorLoader;
import org.openrcm.terminology.cpt.CptDescriptors;
import org.openrcm.terminology.cpt.CptSource;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSetSnapshot;
import org.openrcm.terminology.hcpcs.HcpcsCsvLoader;
import org.openrcm.terminology.hcpcs.HcpcsRecordFileLoader;
import org.openrcm.terminology.hcpcs.HcpcsRelease;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSetSnapshot;
import org.openrcm.terminology.icd10cm.Icd10CmCsvLoader;
import org.openrcm.terminology.icd10cm.Icd10CmOrderFileLoader;
import org.openrcm.terminology.icd10cm.Icd10CmRelease;
import org.openrcm.terminology.icd10cm.Icd10CmTabular;
import org.openrcm.terminology.icd10cm.Icd10CmTabularLoader;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.mce.MceDiagnosisEditsLoader;
import org.openrcm.terminology.modifiers.ModifierCodeSet;
import org.openrcm.terminology.modifiers.ModifierLoader;
import org.openrcm.terminology.ncci.AddOnCodeLoader;
import org.openrcm.terminology.ncci.AddOnCodeTable;
import org.openrcm.terminology.ncci.MueLoader;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.MueTableSnapshot;
import org.openrcm.terminology.ncci.NcciQuarter;
import org.openrcm.terminology.ncci.PtpCmsTextLoader;
import org.openrcm.terminology.ncci.PtpCsvLoader;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.ncci.PtpTableBuilder;
import org.openrcm.terminology.ncci.PtpTableSnapshot;
import org.openrcm.terminology.nucc.NuccTaxonomyCodeSet;
import org.openrcm.terminology.nucc.NuccTaxonomyLoader;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceLoader;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.snapshot.SnapshotCodec;
import org.openrcm.terminology.x12codes.X12CodeList;
import org.openrcm.terminology.x12codes.X12CodeLoader;
import org.openrcm.terminology.x12codes.X12CodeSet;

/**
 * Loads every code-set file of a folder (and its subfolders, where unzipped CMS downloads land): recognises each file
 * ({@link CodeSetFileDetector}), loads it with the matching loader, groups the files of one NCCI PTP quarter into
 * one table and all modifier lists into one set, and gathers the CPT codes of the NCCI and fee-schedule files. The
 * large sets (ICD-10-CM, HCPCS, NCCI PTP and MUE) go through binary snapshots when a {@link SnapshotCache} is given:
 * an unchanged file is read from its snapshot instead of parsed. A file that fails is reported with file, line and
 * reason and does not stop the others. Not thread-safe; one import at a time.
 */
public final class TerminologyImporter {

	private static final System.Logger LOG = System.getLogger(TerminologyImporter.class.getName());
	private static final Set<CodeSetKind> MODIFIER_FILES =
			EnumSet.of(CodeSetKind.HCPCS_MODIFIERS, CodeSetKind.HCPCS_MODIFIER_GROUPS, CodeSetKind.CPT_MODIFIERS);

	private final SnapshotCache snapshots;
	private final CodeSetFileDetector detector = new CodeSetFileDetector();

	/** @param snapshots where table snapshots are read and written; {@code null} to always parse the text files */
	public TerminologyImporter(SnapshotCache snapshots) {
		this.snapshots = snapshots;
	}

	/** Recognises and loads every code-set file under {@code folder}. */
	public ImportReport importFolder(Path folder) throws IOException {
		List<Path> files;
		Path snapshotDirectory = snapshots == null ? null : snapshots.directory().toAbsolutePath().normalize();
		try (Stream<Path> walk = Files.walk(folder, 4)) {
			files = walk.filter(Files::isRegularFile)
					.filter(p -> !p.getFileName().toString().startsWith("."))
					.filter(p -> snapshotDirectory == null || !p.toAbsolutePath().normalize().startsWith(snapshotDirectory))
					.sorted().toList();
		}
		List<DetectedFile> detected = new ArrayList<>();
		List<Path> skipped = new ArrayList<>();
		for (Path file : files) {
			Optional<DetectedFile> found = detector.detect(file);
			if (found.isPresent()) {
				detected.add(found.get());
			} else {
				skipped.add(file);
			}
		}
		return load(detected, skipped);
	}

	/** Loads files already recognised (the order of {@code files} is kept within each kind). */
	public ImportReport load(List<DetectedFile> files, List<Path> skipped) {
		List<ImportedCodeSet> loaded = new ArrayList<>();
		List<ImportReport.Failure> failures = new ArrayList<>();
		Map<String, List<DetectedFile>> groups = new LinkedHashMap<>();
		for (DetectedFile file : files) {
			String group = file.kind() == CodeSetKind.NCCI_PTP ? "ptp " + file.version()
					: MODIFIER_FILES.contains(file.kind()) ? "modifiers" : "file " + file.path();
			groups.computeIfAbsent(group, g -> new ArrayList<>()).add(file);
		}
		for (List<DetectedFile> group : groups.values()) {
			DetectedFile first = group.get(0);
			List<Path> paths = group.stream().map(DetectedFile::path).toList();
			long start = System.nanoTime();
			try {
				Loaded result = loadGroup(first.kind(), group);
				long millis = (System.nanoTime() - start) / 1_000_000;
				ImportedCodeSet set = new ImportedCodeSet(result.kind, result.version, paths, result.value, result.count,
						millis, result.fromSnapshot);
				loaded.add(set);
				LOG.log(Level.INFO, "loaded {0} {1}: {2} in {3} ms{4}", set.kind().label(), set.version(), set.count(),
						millis, set.fromSnapshot() ? " (snapshot)" : "");
			} catch (CodeSetLoadException | IOException | IllegalArgumentException | IllegalStateException e) {
				String message = e instanceof CodeSetLoadException ? e.getMessage()
						: first.path().getFileName() + ": " + e.getMessage();
				failures.add(new ImportReport.Failure(paths, first.kind(), message));
				LOG.log(Level.WARNING, "could not load {0}: {1}", first.kind().label(), message);
			}
		}
		cpt(loaded, files).ifPresent(loaded::add);
		return new ImportReport(loaded, failures, skipped);
	}

	private Loaded loadGroup(CodeSetKind kind, List<DetectedFile> group) throws IOException {
		DetectedFile file = group.get(0);
		if (MODIFIER_FILES.contains(kind)) {
			return modifiers(group);
		}
		String name = file.path().getFileName().toString();
		String version = file.version();
		if (version == null && kind != CodeSetKind.ICD10CM_TABULAR) {
			throw new CodeSetLoadException(name, 0, "the file name does not say which release it is (e.g. 2024, "
					+ "2024-04, 2024Q3); rename it as the publisher names it");
		}
		return switch (kind) {
			case ICD10CM_ORDER_FILE -> cached(kind, new Icd10CmCodeSetSnapshot(), file,
					() -> new Icd10CmOrderFileLoader().load(text(file), name, Icd10CmRelease.parse(version)),
					Icd10CmCodeSet::size);
			case ICD10CM_CSV -> cached(kind, new Icd10CmCodeSetSnapshot(), file,
					() -> new Icd10CmCsvLoader().load(text(file), name, Icd10CmRelease.parse(version)),
					Icd10CmCodeSet::size);
			case ICD10CM_TABULAR -> {
				Icd10CmTabular tabular = new Icd10CmTabularLoader().load(CodeSetFiles.openStream(file.path()), name,
						version == null ? null : Icd10CmRelease.parse(version));
				yield new Loaded(kind, tabular.release().version(), tabular, tabular.size(), false);
			}
			case MCE_DIAGNOSIS_EDITS -> {
				MceDiagnosisEdits edits = new MceDiagnosisEditsLoader().load(text(file), name, version);
				yield new Loaded(kind, version, edits, edits.size(), false);
			}
			case HCPCS_RECORD_FILE -> cached(kind, new HcpcsCodeSetSnapshot(), file,
					() -> new HcpcsRecordFileLoader().load(text(file), name, HcpcsRelease.parse(version)),
					HcpcsCodeSet::size);
			case HCPCS_CSV -> cached(kind, new HcpcsCodeSetSnapshot(), file,
					() -> new HcpcsCsvLoader().load(text(file), name, HcpcsRelease.parse(version)), HcpcsCodeSet::size);
			case NCCI_PTP -> ptp(group, NcciQuarter.parse(version));
			case NCCI_MUE -> cached(kind, new MueTableSnapshot(), file,
					() -> new MueLoader().load(text(file), name, NcciQuarter.parse(version), serviceType(name)),
					MueTable::size);
			case NCCI_AOC -> {
				AddOnCodeTable table = new AddOnCodeLoader().load(text(file), name, version);
				yield new Loaded(kind, version, table, table.size(), false);
			}
			case X12_ADJUSTMENT_CODES -> {
				Map<X12CodeList, X12CodeSet> lists = new X12CodeLoader().load(text(file), name, version);
				yield new Loaded(kind, version, lists, lists.values().stream().mapToInt(X12CodeSet::size).sum(), false);
			}
			case NUCC_TAXONOMY -> {
				NuccTaxonomyCodeSet set = new NuccTaxonomyLoader().load(text(file), name, version);
				yield new Loaded(kind, version, set, set.size(), false);
			}
			case PLACE_OF_SERVICE -> {
				PlaceOfServiceCodeSet set = new PlaceOfServiceLoader().load(text(file), name, version);
				yield new Loaded(kind, version, set, set.codes().size(), false);
			}
			case PFS_RVU -> {
				CptCodeSet codes = new CptCodeSetBuilder().addPfsRelativeValueFile(text(file), name).build(version);
				yield new Loaded(kind, version, codes, codes.size(), false);
			}
			case CPT_DESCRIPTORS -> {
				CptDescriptors descriptors = new CptDescriptorLoader().load(text(file), name, version);
				yield new Loaded(kind, version, descriptors, descriptors.size(), false);
			}
			default -> throw new IllegalStateException(kind + " is not loaded from a file");
		};
	}

	/**
	 * Loads one file through its snapshot when a snapshot cache is configured: the snapshot is named after the code set
	 * and release ({@code icd10cm-2024.snapshot}, {@code ncci-mue-practitioner-2024Q3.snapshot}) and checked against
	 * the file's fingerprint.
	 */
	private <T> Loaded cached(CodeSetKind kind, SnapshotCodec<T> codec, DetectedFile file, SnapshotCache.Build<T> build,
			ToIntFunction<T> count) throws IOException {
		if (snapshots == null) {
			T value = build.build();
			return new Loaded(kind, file.version(), value, count.applyAsInt(value), false);
		}
		String name = kind == CodeSetKind.NCCI_MUE
				? serviceType(file.path().getFileName().toString()).replace(' ', '-') + "-" + file.version()
				: file.version();
		SnapshotCache.Loaded<T> loaded = snapshots.load(codec, name, SnapshotCache.fingerprint(file.path()), build);
		return new Loaded(kind, file.version(), loaded.value(), count.applyAsInt(loaded.value()), loaded.fromSnapshot());
	}

	private Loaded ptp(List<DetectedFile> group, NcciQuarter quarter) throws IOException {
		Path[] paths = group.stream().map(DetectedFile::path).toArray(Path[]::new);
		SnapshotCache.Build<PtpTable> build = () -> {
			PtpTableBuilder builder = new PtpTableBuilder();
			for (DetectedFile file : group) {
				String name = file.path().getFileName().toString();
				if (name.toLowerCase(Locale.ROOT).contains(".csv")) {
					new PtpCsvLoader().read(text(file), name, builder);
				} else {
					new PtpCmsTextLoader().read(text(file), name, builder);
				}
			}
			return builder.build(quarter);
		};
		if (snapshots == null) {
			PtpTable table = build.build();
			return new Loaded(CodeSetKind.NCCI_PTP, quarter.label(), table, table.size(), false);
		}
		String name = serviceType(paths[0].getFileName().toString()).replace(' ', '-') + "-" + quarter.label();
		SnapshotCache.Loaded<PtpTable> loaded = snapshots.load(new PtpTableSnapshot(), name,
				SnapshotCache.fingerprint(paths), build);
		return new Loaded(CodeSetKind.NCCI_PTP, quarter.label(), loaded.value(), loaded.value().size(),
				loaded.fromSnapshot());
	}

	private static Loaded modifiers(List<DetectedFile> group) throws IOException {
		ModifierLoader loader = new ModifierLoader();
		List<DetectedFile> ordered = new ArrayList<>(group);
		ordered.sort((a, b) -> Integer.compare(a.kind().ordinal(), b.kind().ordinal()));
		String version = null;
		for (DetectedFile file : ordered) {
			String name = file.path().getFileName().toString();
			switch (file.kind()) {
				case HCPCS_MODIFIERS -> loader.addHcpcs(text(file), name);
				case HCPCS_MODIFIER_GROUPS -> loader.addHcpcsGroups(text(file), name);
				default -> loader.addCpt(text(file), name);
			}
			version = version == null ? file.version() : version;
		}
		ModifierCodeSet set = loader.build(version == null ? "unknown" : version);
		return new Loaded(CodeSetKind.MODIFIERS, set.version(), set, set.size(), false);
	}

	/** The CPT codes of the loaded NCCI and fee-schedule tables, the CPT modifiers and a licensee's descriptors. */
	private static Optional<ImportedCodeSet> cpt(List<ImportedCodeSet> loaded, List<DetectedFile> files) {
		long start = System.nanoTime();
		CptCodeSetBuilder builder = new CptCodeSetBuilder();
		String version = null;
		CptDescriptors descriptors = null;
		boolean any = false;
		for (ImportedCodeSet set : loaded) {
			switch (set.kind()) {
				case NCCI_PTP -> builder.addCodes(set.value(PtpTable.class).codes(), CptSource.NCCI_PTP);
				case NCCI_MUE -> builder.addCodes(set.value(MueTable.class).codes(), CptSource.NCCI_MUE);
				case NCCI_AOC -> builder.addCodes(set.value(AddOnCodeTable.class).codes(), CptSource.NCCI_AOC);
				case PFS_RVU -> builder.addCodes(set.value(CptCodeSet.class).codes(), CptSource.PFS_RVU);
				case MODIFIERS -> builder.addModifiers(set.value(ModifierCodeSet.class).cptModifiers());
				case CPT_DESCRIPTORS -> descriptors = set.value(CptDescriptors.class);
				default -> {
					continue;
				}
			}
			any = true;
			if (set.kind() == CodeSetKind.NCCI_PTP || version == null) {
				version = set.version();
			}
		}
		if (!any) {
			return Optional.empty();
		}
		CptCodeSet cpt = builder.build(version);
		if (descriptors != null) {
			cpt = cpt.withDescriptors(descriptors);
		}
		List<Path> sources = files.stream().filter(f -> f.kind() == CodeSetKind.NCCI_PTP || f.kind() == CodeSetKind.NCCI_MUE
				|| f.kind() == CodeSetKind.NCCI_AOC || f.kind() == CodeSetKind.PFS_RVU
				|| f.kind() == CodeSetKind.CPT_DESCRIPTORS).map(DetectedFile::path).toList();
		return Optional.of(new ImportedCodeSet(CodeSetKind.CPT, cpt.version(), sources, cpt, cpt.size(),
				(System.nanoTime() - start) / 1_000_000, false));
	}

	/** The MUE/PTP service type a CMS file name implies. */
	static String serviceType(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.contains("dme")) {
			return "DME supplier";
		}
		if (lower.contains("outpatient") || lower.contains("ccioph") || lower.contains("hospital")
				|| lower.contains("facility")) {
			return "outpatient hospital";
		}
		return "practitioner";
	}

	private static Reader text(DetectedFile file) throws IOException {
		return CodeSetFiles.openText(file.path());
	}

	private record Loaded(CodeSetKind kind, String version, Object value, int count, boolean fromSnapshot) {}
}
