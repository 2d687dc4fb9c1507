package org.openrcm.server.x12;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads X12 interchanges and validates them as it streams: the envelopes (ISA/IEA, GS/GE, ST/SE: trailer counts and
 * control numbers, code values of the envelope elements) and each transaction set against the implementation schema
 * of its {@link X12Guide}, chosen by ST01 and ST03 (or GS08). Separators come from each ISA, so interchanges with
 * different separators may follow one another in one input.
 *
 * <p>The reader never throws on bad input: empty or binary data, text that is not X12, a truncated file or a fault
 * the parser cannot get past all end the read with an {@link X12Error} in the result, which keeps what was read up
 * to that point. Every fault is reported with the segment position, segment id, element position and a stable
 * {@link X12ErrorCode}, at the level (interchange, group, transaction, segment, element) whose acknowledgment would
 * report it.
 *
 * <p>A UTF-8 byte order mark before the ISA is dropped. Memory stays bounded by one segment unless the caller asks
 * to keep each transaction's segments ({@link Options#keepSegments()}) or takes them one transaction at a time
 * through a listener.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class X12Reader {

	/**
	 * How to read.
	 *
	 * @param skipLeadingText skip any text before the first {@code ISA} (some published samples open with prose);
	 *     the number of bytes skipped is reported in {@link X12ReadResult#skippedPrefix()}. Off by default: an
	 *     input that does not start with an ISA is rejected as {@link X12ErrorCode#NOT_X12}.
	 * @param keepSegments keep every transaction set's segments in the result
	 */
	public record Options(boolean skipLeadingText, boolean keepSegments) {

		/** Strict start, segments not kept. */
		public static final Options DEFAULT = new Options(false, false);

		/** These options, skipping text before the first ISA. */
		public Options skippingLeadingText() {
			return new Options(true, keepSegments);
		}

		/** These options, keeping each transaction's segments. */
		public Options keepingSegments() {
			return new Options(skipLeadingText, true);
		}
	}

	/** How far into the input the first ISA is looked for when leading text may be skipped. */
	static final int LEADING_TEXT_LIMIT = 1 << 20;

	/** X12 limits a copy of bad data in a 999 IK404 to 99 characters; errors keep no more. */
	private static final int MAX_DATA = 99;

	private final X12Schemas schemas;

	public X12Reader(X12Schemas schemas) {
		this.schemas = schemas;
	}

	/** Reads X12 bytes. */
	public X12ReadResult read(byte[] input, Options options) {
		return read(new ByteArrayInputStream(input), options, transaction -> {});
	}

	/** Reads an X12 stream to its end; the stream is not closed. */
	public X12ReadResult read(InputStream input, Options options) {
		return read(input, options, transaction -> {});
	}

	/**
	 * Reads an X12 stream to its end, handing each transaction set to a listener as soon as its SE is read (with its
	 * segments, whatever {@link Options#keepSegments()} says; the result keeps them only if asked). A transaction cut
	 * short by the end of the input or by an unreadable fault is handed over too; the fault that ended it is
	 * recorded on its interchange. The stream is not closed.
	 *
	 * @param listener called in document order on the reading thread; an exception it throws propagates
	 */
	public X12ReadResult read(InputStream input, Options options, Consumer<X12Transaction> listener) {
		Session session = new Session(schemas, options, listener);
		return session.run(input);
	}

	private static EDIInputFactory inputFactory() {
		EDIInputFactory factory = EDIInputFactory.newFactory();
		// line breaks and other control characters between segments (pretty-printed files) are not data
		factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
		// HL levels stay flat as in the data; the schemas tell the levels apart by HL03
		factory.setProperty(EDIInputFactory.EDI_NEST_HIERARCHICAL_LOOPS, false);
		factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
		return factory;
	}

	/** The state of one read. */
	private static final class Session {

		private final X12Schemas schemas;
		private final Options options;
		private final Consumer<X12Transaction> listener;

		private final List<X12Interchange> interchanges = new ArrayList<>();
		private final List<X12Error> inputErrors = new ArrayList<>();
		private long skipped;

		private EDIStreamReader reader;
		private InterchangeBuilder interchange;
		private GroupBuilder group;
		private TransactionBuilder transaction;
		private SegmentBuilder segment;
		private final Deque<String> loops = new ArrayDeque<>();
		private boolean sawInterchange;

		Session(X12Schemas schemas, Options options, Consumer<X12Transaction> listener) {
			this.schemas = schemas;
			this.options = options;
			this.listener = listener;
		}

		X12ReadResult run(InputStream raw) {
			try {
				InputStream unmarked = withoutByteOrderMark(raw);
				InputStream input = options.skipLeadingText() ? skipToIsa(unmarked) : unmarked;
				if (input != null) {
					parse(input);
				}
			} catch (IOException e) {
				fatal(X12ErrorCode.IO_FAILURE, "the input could not be read: " + e.getMessage());
			}
			closeOpenStructures();
			return new X12ReadResult(interchanges, inputErrors, skipped);
		}

		private void parse(InputStream input) throws IOException {
			try {
				reader = inputFactory().createEDIStreamReader(input, StandardCharsets.UTF_8.name());
			} catch (EDIStreamException e) {
				fatal(X12ErrorCode.INTERNAL, "the X12 parser could not be started: " + e.getMessage());
				return;
			}
			try {
				while (reader.hasNext()) {
					handle(reader.next());
				}
			} catch (EDIStreamException e) {
				unreadable(e);
			} catch (ListenerFailure e) {
				throw e.failure;
			} catch (RuntimeException e) {
				fatal(X12ErrorCode.INTERNAL, "the X12 parser failed: " + e);
			} finally {
				reader.close();
			}
		}

		/** A UTF-8 byte order mark some editors put first is an encoding marker, not data: it is dropped. */
		private static InputStream withoutByteOrderMark(InputStream raw) throws IOException {
			PushbackInputStream input = new PushbackInputStream(raw, 3);
			byte[] head = input.readNBytes(3);
			boolean mark = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
					&& (head[2] & 0xFF) == 0xBF;
			if (!mark && head.length > 0) {
				input.unread(head);
			}
			return input;
		}

		/** Positions the input on the first {@code ISA} that looks like an interchange header. */
		private InputStream skipToIsa(InputStream raw) throws IOException {
			BufferedInputStream input = new BufferedInputStream(raw, 8192);
			input.mark(LEADING_TEXT_LIMIT);
			byte[] head = input.readNBytes(LEADING_TEXT_LIMIT);
			input.reset();
			int start = isaStart(head);
			if (start < 0) {
				fatal(head.length == 0 ? X12ErrorCode.EMPTY_INPUT : X12ErrorCode.NOT_X12,
						head.length == 0 ? "the input is empty"
								: "no ISA interchange header in the first " + head.length + " bytes");
				return null;
			}
			skipped = input.skip(start);
			return input;
		}

		/** The offset of an {@code ISA} whose separators sit where a 106-character ISA puts them, or -1. */
		static int isaStart(byte[] data) {
			for (int i = 0; i + 106 <= data.length; i++) {
				if (data[i] == 'I' && data[i + 1] == 'S' && data[i + 2] == 'A') {
					byte separator = data[i + 3];
					if (!Character.isLetterOrDigit(separator) && data[i + 6] == separator && data[i + 17] == separator
							&& data[i + 103] == separator) {
						return i;
					}
				}
			}
			return -1;
		}

		private void handle(EDIStreamEvent event) throws EDIStreamException {
			switch (event) {
				case START_INTERCHANGE -> {
					sawInterchange = true;
					interchange = new InterchangeBuilder();
				}
				case END_INTERCHANGE -> finishInterchange();
				case START_GROUP -> group = new GroupBuilder();
				case END_GROUP -> finishGroup();
				case START_TRANSACTION -> {
					transaction = new TransactionBuilder();
					loops.clear();
				}
				case END_TRANSACTION -> finishTransaction();
				case START_LOOP -> loops.push(reader.getReferenceCode());
				case END_LOOP -> {
					if (!loops.isEmpty()) {
						loops.pop();
					}
				}
				case START_SEGMENT -> startSegment();
				case ELEMENT_DATA -> elementData();
				case END_SEGMENT -> endSegment();
				case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> validationError(event);
				default -> {
					// composites are tracked by component position; binary data does not occur in these guides
				}
			}
		}

		private void startSegment() {
			String tag = reader.getText();
			int absolute = reader.getLocation().getSegmentPosition();
			if ("ISA".equals(tag) && interchange != null) {
				interchange.isaPosition = absolute;
			}
			if ("ST".equals(tag) && transaction != null) {
				transaction.stPosition = absolute;
			}
			segment = new SegmentBuilder(tag, position(absolute), loops.peek());
		}

		private void elementData() {
			if (segment == null) {
				return;
			}
			Location location = reader.getLocation();
			segment.add(location.getElementPosition(), location.getElementOccurrence(),
					location.getComponentPosition(), reader.getText());
		}

		private void endSegment() {
			if (segment == null) {
				return;
			}
			X12Segment done = segment.build();
			segment = null;
			switch (done.id()) {
				case "ISA" -> interchangeHeader(done);
				case "GS" -> groupHeader(done);
				case "ST" -> transactionHeader(done);
				default -> {
					// body, trailers
				}
			}
			if (transaction != null) {
				transaction.segmentCount++;
				transaction.segments.add(done);
			}
		}

		private void interchangeHeader(X12Segment isa) {
			if (interchange == null) {
				return;
			}
			interchange.isa = isa;
			Map<String, Character> delimiters = reader.getDelimiters();
			interchange.delimiters = new X12Delimiters(delimiters.get(Delimiters.DATA_ELEMENT),
					delimiters.get(Delimiters.COMPONENT_ELEMENT), delimiters.getOrDefault(Delimiters.REPETITION, '\0'),
					delimiters.get(Delimiters.SEGMENT));
		}

		private void groupHeader(X12Segment gs) {
			if (group != null) {
				group.gs = gs;
			}
		}

		/** ST read: choose the transaction's schema (only possible up to the end of its ST segment). */
		private void transactionHeader(X12Segment st) {
			if (transaction == null) {
				return;
			}
			transaction.st = st;
			String id = st.element(1);
			String reference = st.element(3).isEmpty() && group != null && group.gs != null
					? group.gs.element(8) : st.element(3);
			transaction.reference = reference;
			transaction.guide = X12Guide.of(id, reference);
			if (transaction.guide.isPresent()) {
				reader.setTransactionSchema(schemas.schema(transaction.guide.get()));
			} else {
				boolean known = Arrays.stream(X12Guide.values()).anyMatch(g -> g.transactionSetId().equals(id));
				X12ErrorCode code = known ? X12ErrorCode.IMPLEMENTATION_NOT_SUPPORTED : X12ErrorCode.TRANSACTION_NOT_SUPPORTED;
				transaction.errors.add(new X12Error(code, 1, "ST", known ? 3 : 1, 0, known ? "1705" : "143", null,
						known ? reference : id, code.reason()));
			}
			if (group != null && !st.element(2).isEmpty() && !group.transactionControlNumbers.add(st.element(2))) {
				X12ErrorCode code = X12ErrorCode.TRANSACTION_CONTROL_NUMBER_NOT_UNIQUE;
				transaction.errors.add(new X12Error(code, 1, "ST", 2, 0, "329", null, st.element(2), code.reason()));
			}
		}

		/** The segment's ordinal in its transaction set, else in its interchange. */
		private int position(int absolute) {
			if (transaction != null && transaction.stPosition >= 0) {
				return absolute - transaction.stPosition + 1;
			}
			if (interchange != null && interchange.isaPosition >= 0) {
				return absolute - interchange.isaPosition + 1;
			}
			return absolute + 1;
		}

		private void validationError(EDIStreamEvent event) {
			EDIStreamValidationError type = reader.getErrorType();
			Location location = reader.getLocation();
			EDIReference reference = optional(reader::getSchemaTypeReference);
			String referenceCode = optional(reader::getReferenceCode);
			String text = optional(reader::getText);
			String title = X12Faults.title(reference);
			int position = position(location.getSegmentPosition());

			if (event == EDIStreamEvent.SEGMENT_ERROR) {
				boolean missingLoop = reference != null && reference.getReferencedType() != null
						&& reference.getReferencedType().isType(EDIType.Type.LOOP);
				String segmentId = missingLoop ? X12Faults.firstSegment(reference.getReferencedType()) : text;
				String loop = missingLoop ? referenceCode : loops.peek();
				X12ErrorCode code = X12Faults.segmentCode(type, segmentId, transaction != null);
				add(new X12Error(code, position, segmentId, 0, 0, null, loop, null, X12Faults.message(code, title)));
			} else {
				String segmentId = location.getSegmentTag();
				int component = Math.max(location.getComponentPosition(), 0);
				X12ErrorCode code = X12Faults.elementCode(type, segmentId);
				String data = text == null || text.isEmpty() ? null
						: text.length() > MAX_DATA ? text.substring(0, MAX_DATA) : text;
				String elementReference = referenceCode != null && referenceCode.chars().allMatch(Character::isDigit)
						? referenceCode : null;
				add(new X12Error(code, position, segmentId, Math.max(location.getElementPosition(), 0), component,
						elementReference, loops.peek(), data, X12Faults.message(code, title)));
			}
		}

		/**
		 * A detail the parser may not have for every kind of fault (staedi 1.26 throws a NullPointerException for the
		 * text of a syntax-note fault such as a conditionally required element that is missing).
		 */
		private static <T> T optional(Supplier<T> detail) {
			try {
				return detail.get();
			} catch (IllegalStateException | NullPointerException e) {
				return null;
			}
		}

		/** Puts an error with the structure it belongs to. */
		private void add(X12Error error) {
			switch (error.level()) {
				case SEGMENT, ELEMENT, TRANSACTION -> {
					if (transaction != null) {
						transaction.errors.add(error);
					} else if (group != null) {
						group.errors.add(error);
					} else if (interchange != null) {
						interchange.errors.add(error);
					} else {
						inputErrors.add(error);
					}
				}
				case GROUP -> {
					if (group != null) {
						group.errors.add(error);
					} else if (interchange != null) {
						interchange.errors.add(error);
					} else {
						inputErrors.add(error);
					}
				}
				case INTERCHANGE -> {
					if (interchange != null) {
						interchange.errors.add(error);
					} else {
						inputErrors.add(error);
					}
				}
				case INPUT -> inputErrors.add(error);
			}
		}

		/** The parser cannot go on: record why, at the level where it stopped. */
		private void unreadable(EDIStreamException e) {
			String detail = e.getMessage();
			if (!sawInterchange) {
				boolean empty = detail != null && detail.startsWith("EDIE005") && detail.contains("offset 0");
				fatal(empty ? X12ErrorCode.EMPTY_INPUT : X12ErrorCode.NOT_X12,
						empty ? "the input is empty" : "the input does not start with an X12 ISA interchange header ("
								+ detail + ")");
				return;
			}
			// staedi reports the end of the data inside an open structure as EDIE005
			boolean truncated = detail != null && detail.startsWith("EDIE005");
			X12ErrorCode code = truncated ? X12ErrorCode.TRUNCATED : X12ErrorCode.UNREADABLE;
			Location location = e.getLocation();
			int position = location != null ? position(location.getSegmentPosition()) : 0;
			String segmentId = location != null ? location.getSegmentTag() : null;
			int element = location != null ? Math.max(location.getElementPosition(), 0) : 0;
			X12Error error = new X12Error(code, position, segmentId, element, 0, null, loops.peek(), null,
					code.reason() + " (" + rootMessage(e) + ")");
			if (interchange != null) {
				interchange.errors.add(error);
			} else {
				inputErrors.add(error);
			}
		}

		private static String rootMessage(Throwable e) {
			String message = e.getMessage();
			Throwable cause = e.getCause();
			while (cause != null) {
				if (cause.getMessage() != null) {
					message = message + ": " + cause.getMessage();
				}
				cause = cause.getCause();
			}
			return message;
		}

		private void fatal(X12ErrorCode code, String message) {
			X12Error error = X12Error.ofInput(code, message);
			if (interchange != null) {
				interchange.errors.add(error);
			} else {
				inputErrors.add(error);
			}
		}

		/** After the last event: whatever is still open was cut short, and is kept with what it holds. */
		private void closeOpenStructures() {
			boolean cutShort = transaction != null || group != null || interchange != null;
			if (cutShort && interchange != null
					&& interchange.errors.stream().noneMatch(e -> e.level() == X12ErrorLevel.INPUT)) {
				interchange.errors.add(X12Error.ofInput(X12ErrorCode.TRUNCATED, X12ErrorCode.TRUNCATED.reason()));
			}
			finishTransaction();
			finishGroup();
			finishInterchange();
		}

		private void finishTransaction() {
			if (transaction == null) {
				return;
			}
			X12Transaction done = transaction.build();
			transaction = null;
			loops.clear();
			try {
				listener.accept(done);
			} catch (RuntimeException e) {
				throw new ListenerFailure(e);
			}
			X12Transaction kept = options.keepSegments() ? done
					: new X12Transaction(done.transactionSetId(), done.controlNumber(), done.implementationReference(),
							done.guide(), done.segmentCount(), List.of(), done.errors());
			if (group != null) {
				group.transactions.add(kept);
			} else if (interchange != null) {
				interchange.looseTransactions.add(kept);
			}
		}

		private void finishGroup() {
			if (group == null) {
				return;
			}
			X12FunctionalGroup done = group.build();
			group = null;
			if (interchange != null) {
				interchange.groups.add(done);
			}
		}

		private void finishInterchange() {
			if (interchange == null) {
				return;
			}
			interchanges.add(interchange.build());
			interchange = null;
		}
	}

	/** Carries a listener's exception past the parser's own error handling. */
	private static final class ListenerFailure extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final RuntimeException failure;

		ListenerFailure(RuntimeException failure) {
			super(failure);
			this.failure = failure;
		}
	}

	private static final class InterchangeBuilder {
		int isaPosition = -1;
		X12Segment isa;
		X12Delimiters delimiters;
		final List<X12FunctionalGroup> groups = new ArrayList<>();
		final List<X12Transaction> looseTransactions = new ArrayList<>();
		final List<X12Error> errors = new ArrayList<>();

		X12Interchange build() {
			X12Segment header = isa != null ? isa : new X12Segment(1, "ISA", null, List.of());
			List<X12FunctionalGroup> all = new ArrayList<>(groups);
			if (!looseTransactions.isEmpty()) {
				// transaction sets outside any GS/GE (already reported): kept in a group without envelope
				all.add(new X12FunctionalGroup("", "", "", "", "", "", "", looseTransactions, List.of()));
			}
			return new X12Interchange(header.element(5), header.element(6).strip(), header.element(7),
					header.element(8).strip(), header.element(9), header.element(10), header.element(12),
					header.element(13), "1".equals(header.element(14)), header.element(15), delimiters, all, errors);
		}
	}

	private static final class GroupBuilder {
		X12Segment gs;
		final List<X12Transaction> transactions = new ArrayList<>();
		final List<X12Error> errors = new ArrayList<>();
		final Set<String> transactionControlNumbers = new HashSet<>();

		X12FunctionalGroup build() {
			X12Segment header = gs != null ? gs : new X12Segment(1, "GS", null, List.of());
			return new X12FunctionalGroup(header.element(1), header.element(2), header.element(3), header.element(4),
					header.element(5), header.element(6), header.element(8), transactions, errors);
		}
	}

	private static final class TransactionBuilder {
		int stPosition = -1;
		X12Segment st;
		String reference = "";
		Optional<X12Guide> guide = Optional.empty();
		int segmentCount;
		final List<X12Segment> segments = new ArrayList<>();
		final List<X12Error> errors = new ArrayList<>();

		X12Transaction build() {
			X12Segment header = st != null ? st : new X12Segment(1, "ST", null, List.of());
			return new X12Transaction(header.element(1), header.element(2), reference, guide, segmentCount, segments,
					errors);
		}
	}

	/** Collects one segment's element data by position. */
	private static final class SegmentBuilder {
		private final String id;
		private final int position;
		private final String loop;
		private final List<List<List<String>>> elements = new ArrayList<>();

		SegmentBuilder(String id, int position, String loop) {
			this.id = id;
			this.position = position;
			this.loop = loop;
		}

		void add(int elementPosition, int occurrence, int componentPosition, String value) {
			if (elementPosition < 1) {
				return;
			}
			while (elements.size() < elementPosition) {
				elements.add(new ArrayList<>());
			}
			List<List<String>> repetitions = elements.get(elementPosition - 1);
			int repetition = Math.max(occurrence, 1);
			while (repetitions.size() < repetition) {
				repetitions.add(new ArrayList<>());
			}
			List<String> components = repetitions.get(repetition - 1);
			int component = Math.max(componentPosition, 1);
			while (components.size() < component) {
				components.add("");
			}
			components.set(component - 1, value == null ? "" : value);
		}

		X12Segment build() {
			for (List<List<String>> element : elements) {
				if (element.isEmpty()) {
					element.add(new ArrayList<>(List.of("")));
				}
				for (List<String> components : element) {
					if (components.isEmpty()) {
						components.add("");
					}
				}
			}
			while (!elements.isEmpty() && isEmpty(elements.get(elements.size() - 1))) {
				elements.remove(elements.size() - 1);
			}
			return new X12Segment(position, id, loop, elements);
		}

		private static boolean isEmpty(List<List<String>> element) {
			return element.stream().flatMap(List::stream).allMatch(String::isEmpty);
		}
	}
}
