package org.openrcm.server.x12;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.implementation.EDITypeImplementation;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.EDIStreamWriter;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes outbound interchanges: ISA, one GS functional group, the given transaction sets each framed by ST/SE, GE,
 * IEA; with the {@linkplain X12Delimiters#STANDARD standard separators} and the 00501 envelope.
 *
 * <p>Nothing leaves unvalidated: staedi's writer checks every segment against the envelope schema and the guide's
 * implementation schema while it is written (segment order and loops, repeats, required and unused segments and
 * elements, code values, data types and lengths, the envelopes' control numbers and counts), and this class reports
 * any separator or control character inside a value. Any fault throws {@link X12ValidationException} before
 * anything is returned.
 *
 * <p>The finished interchange can also be read back through {@link X12Reader} as a second gate ({@code readBack}).
 * The reader validates with the same staedi validator and the same schemas, so it finds what the write-time
 * validation finds, with one exception that {@link X12SegmentSink} closes: staedi's writer does not check the other
 * required components of a composite written as a plain value, so the sink writes such a value as a one-component
 * composite (the same bytes). The evidence is {@code X12WriteValidationTest} and
 * {@code Claim837WriteValidationTest}: they write some 5,600 faulty variants of hand-written and mapped
 * 837P and 837I claims, accepting and rejecting 999s and 277CAs (each segment dropped, repeated or moved; one element
 * too many; each element and component emptied, too short, too long, of the wrong type, code or date) and check
 * that every variant the write-time validation lets through reads back without a fault; before the composite fix
 * they found it. The read-back costs about as much as the validated write and adds only a check of staedi's writer
 * itself (that the bytes parse back to the segments written), so the server runs without it
 * ({@code openrcm.x12.read-back}, default false, {@link X12Properties}); the tests keep it on, as do writers built
 * with the three-argument constructor.
 *
 * <p>Control numbers come from {@link ControlNumbers}, per sender, one ISA13, one GS06 and one ST02 per
 * transaction set for each call (spent even when validation then fails). ISA09/ISA10 and GS04/GS05 are the clock's
 * current date and time in the clock's zone.
 *
 * <p>Instances are immutable and may be shared; each call writes independently.
 */
public final class X12InterchangeWriter {

	private static final DateTimeFormatter ISA_DATE = DateTimeFormatter.ofPattern("yyMMdd");
	private static final DateTimeFormatter GS_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
	private static final String NO_AUTHORIZATION = "          ";

	private final X12Schemas schemas;
	private final X12Reader reader;
	private final ControlNumbers controlNumbers;
	private final Clock clock;
	private final boolean readBack;

	/** A writer that also reads back every interchange it wrote (the careful choice for tests and tools). */
	public X12InterchangeWriter(X12Schemas schemas, ControlNumbers controlNumbers, Clock clock) {
		this(schemas, controlNumbers, clock, true);
	}

	/**
	 * @param readBack whether each written interchange is read back through {@link X12Reader} as a second check
	 *     after the write-time validation (see the class comment)
	 */
	public X12InterchangeWriter(X12Schemas schemas, ControlNumbers controlNumbers, Clock clock, boolean readBack) {
		this.schemas = schemas;
		this.reader = readBack ? new X12Reader(schemas) : null;
		this.controlNumbers = controlNumbers;
		this.clock = clock;
		this.readBack = readBack;
	}

	/** Whether written interchanges are read back as a second check. */
	public boolean readsBack() {
		return readBack;
	}

	/**
	 * Writes one interchange holding one functional group of transaction sets under one guide.
	 *
	 * @param envelope sender, receiver, application codes and usage indicator of the clearinghouse connection
	 * @param guide the implementation guide every transaction set follows (GS01, GS08, ST01, ST03 come from it)
	 * @param transactions the transaction sets' content, in order; at least one
	 * @return the validated interchange and the control numbers it used
	 * @throws X12ValidationException when any segment breaks the guide or the envelope rules
	 * @throws IllegalArgumentException when there is no transaction set
	 */
	public WrittenInterchange write(X12Envelope envelope, X12Guide guide,
			List<? extends X12TransactionBody> transactions) {
		if (transactions.isEmpty()) {
			throw new IllegalArgumentException("an interchange needs at least one transaction set");
		}
		String sender = envelope.sender();
		String interchangeNumber = String.format("%09d", checked(controlNumbers.nextInterchange(sender)));
		String groupNumber = Long.toString(checked(controlNumbers.nextGroup(sender)));
		List<String> transactionNumbers = new ArrayList<>();
		for (int i = 0; i < transactions.size(); i++) {
			transactionNumbers.add(String.format("%04d", checked(controlNumbers.nextTransaction(sender))));
		}
		ZonedDateTime now = ZonedDateTime.now(clock);

		Session session = new Session(guide);
		String text;
		try {
			text = session.write(envelope, now, interchangeNumber, groupNumber, transactionNumbers, transactions);
		} catch (EDIStreamException e) {
			throw new UncheckedIOException(new IOException("the X12 writer failed: " + e.getMessage(), e));
		}
		if (!session.errors.isEmpty()) {
			throw new X12ValidationException(session.errors);
		}
		if (readBack) {
			List<X12Error> found = reader.read(text.getBytes(StandardCharsets.UTF_8), X12Reader.Options.DEFAULT)
					.allErrors();
			if (!found.isEmpty()) {
				throw new X12ValidationException(found);
			}
		}
		return new WrittenInterchange(text, interchangeNumber, groupNumber, transactionNumbers);
	}

	private static long checked(long controlNumber) {
		if (controlNumber < 1 || controlNumber > ControlNumbers.MAX) {
			throw new IllegalStateException("control number out of range: " + controlNumber);
		}
		return controlNumber;
	}

	/** One write: the staedi writer and the faults it reports. */
	private final class Session {

		private final X12Guide guide;
		final List<X12Error> errors = new ArrayList<>();
		private EDIStreamWriter writer;
		private int stPosition = -1;

		Session(X12Guide guide) {
			this.guide = guide;
		}

		String write(X12Envelope envelope, ZonedDateTime now, String interchangeNumber, String groupNumber,
				List<String> transactionNumbers, List<? extends X12TransactionBody> transactions)
				throws EDIStreamException {
			X12Delimiters delimiters = X12Delimiters.STANDARD;
			EDIOutputFactory factory = EDIOutputFactory.newFactory();
			factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
			factory.setProperty(Delimiters.DATA_ELEMENT, delimiters.element());
			factory.setProperty(Delimiters.COMPONENT_ELEMENT, delimiters.component());
			factory.setProperty(Delimiters.REPETITION, delimiters.repetition());
			factory.setProperty(Delimiters.SEGMENT, delimiters.segment());
			factory.setErrorReporter(this::report);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			writer = factory.createEDIStreamWriter(out, StandardCharsets.UTF_8.name());
			writer.setControlSchema(schemas.controlSchema());
			X12SegmentSink sink = new X12SegmentSink(writer, delimiters, this::badCharacter,
					(segmentId, position) -> schemas.isComposite(guide, segmentId, position));

			writer.startInterchange();
			sink.envelope("ISA", "00", NO_AUTHORIZATION, "00", NO_AUTHORIZATION, envelope.senderQualifier(),
					pad(envelope.senderId()), envelope.receiverQualifier(), pad(envelope.receiverId()),
					now.format(ISA_DATE), now.format(TIME), String.valueOf(delimiters.repetition()),
					X12Schemas.INTERCHANGE_VERSION, interchangeNumber, envelope.acknowledgmentRequested() ? "1" : "0",
					envelope.usage().code(), String.valueOf(delimiters.component()));
			sink.envelope("GS", guide.functionalIdentifier(), envelope.applicationSenderCode(),
					envelope.applicationReceiverCode(), now.format(GS_DATE), now.format(TIME), groupNumber, "X",
					guide.version());
			for (int i = 0; i < transactions.size(); i++) {
				String number = transactionNumbers.get(i);
				int before = sink.written();
				writer.writeStartSegment("ST");
				stPosition = writer.getLocation().getSegmentPosition();
				// the transaction schema may be set only while the ST segment is open
				writer.setTransactionSchema(schemas.schema(guide));
				writer.writeElement(guide.transactionSetId()).writeElement(number).writeElement(guide.version());
				writer.writeEndSegment();
				transactions.get(i).writeTo(sink);
				int count = sink.written() - before + 2;
				sink.envelope("SE", Integer.toString(count), number);
				stPosition = -1;
			}
			sink.envelope("GE", Integer.toString(transactions.size()), groupNumber);
			sink.envelope("IEA", "1", interchangeNumber);
			writer.endInterchange();
			writer.close();
			return out.toString(StandardCharsets.UTF_8);
		}

		private static String pad(String id) {
			return String.format("%-15s", id);
		}

		/** staedi's report of a fault in what was just written. */
		private void report(EDIStreamValidationError type, EDIStreamWriter source, Location location,
				CharSequence data, EDIReference reference) {
			String title = X12Faults.title(reference);
			int position = position(location);
			if (type.getCategory() == EDIStreamEvent.SEGMENT_ERROR) {
				boolean loop = reference != null && reference.getReferencedType() != null
						&& reference.getReferencedType().isType(EDIType.Type.LOOP);
				String segmentId = loop ? X12Faults.firstSegment(reference.getReferencedType())
						: data != null ? data.toString() : location.getSegmentTag();
				String loopId = loop ? reference.getReferencedType().getCode() : null;
				if (loop && reference instanceof EDITypeImplementation impl) {
					loopId = impl.getCode();
				}
				X12ErrorCode code = X12Faults.segmentCode(type, segmentId, stPosition >= 0);
				errors.add(new X12Error(code, position, segmentId, 0, 0, null, loopId, null,
						X12Faults.message(code, title)));
			} else {
				String segmentId = location.getSegmentTag();
				X12ErrorCode code = X12Faults.elementCode(type, segmentId);
				String value = data == null || data.length() == 0 ? null : data.toString();
				String elementReference = reference != null && reference.getReferencedType() != null
						? reference.getReferencedType().getCode() : null;
				errors.add(new X12Error(code, position, segmentId, Math.max(location.getElementPosition(), 0),
						Math.max(location.getComponentPosition(), 0), elementReference, null, value,
						X12Faults.message(code, title)));
			}
		}

		private void badCharacter(String value, int elementPosition, int componentPosition) {
			Location location = writer.getLocation();
			X12ErrorCode code = X12ErrorCode.INVALID_CHARACTER;
			errors.add(new X12Error(code, position(location), location.getSegmentTag(), elementPosition,
					componentPosition, null, null, value, code.reason() + " (an X12 separator or control character)"));
		}

		private int position(Location location) {
			int absolute = location.getSegmentPosition();
			return stPosition >= 0 ? absolute - stPosition + 1 : absolute;
		}
	}
}
