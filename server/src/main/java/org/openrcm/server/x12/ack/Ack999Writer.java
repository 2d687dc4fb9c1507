package org.openrcm.server.x12.ack;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.Context;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * Writes 999 implementation acknowledgments (005010X231A1) through the {@link X12InterchangeWriter}: one interchange,
 * one {@code FA} functional group, one 999 transaction set per {@link ImplementationAcknowledgment}, each validated
 * against the 999 schema before it is returned.
 *
 * <p>Segments per acknowledgment: AK1; per transaction set response AK2, per segment error IK3, its CTX segments,
 * per element error IK4 and its CTX segments; IK5; AK9. Echoed values are written as the 999 can carry them: this
 * server's separators and control characters in a copy of bad data become spaces (see
 * {@link ImplementationAcknowledger}). {@link ImplementationAcknowledgment#controlNumber()} is not written: the
 * writer numbers each 999 itself.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Ack999Writer {

	private final X12InterchangeWriter writer;

	public Ack999Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 999s.
	 *
	 * @param envelope who acknowledges (sender: the receiver of the acknowledged interchange) to whom
	 * @param acknowledgments one per acknowledged functional group; at least one
	 * @throws X12ValidationException when a value cannot stand in a 999 (e.g. an AK102 that is not a number)
	 */
	public WrittenInterchange write(X12Envelope envelope, List<ImplementationAcknowledgment> acknowledgments) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (ImplementationAcknowledgment acknowledgment : acknowledgments) {
			bodies.add(out -> write(acknowledgment, out));
		}
		return writer.write(envelope, X12Guide.ACK_999, bodies);
	}

	private static void write(ImplementationAcknowledgment ack, X12SegmentSink out) {
		out.segment("AK1", ack.functionalIdentifier(), ack.groupControlNumber(), ack.version());
		for (TransactionSetResponse response : ack.transactionSets()) {
			out.segment("AK2", response.transactionSetId(), response.controlNumber(),
					response.implementationReference());
			for (SegmentError segment : response.segmentErrors()) {
				out.segment("IK3", segment.segmentId(), Integer.toString(segment.position()), segment.loopId(),
						segment.errorCode());
				segment.contexts().forEach(context -> context(context, out));
				for (ElementError element : segment.elementErrors()) {
					out.segment("IK4", composite(Integer.toString(element.elementPosition()),
							positive(element.componentPosition()), positive(element.repetition())),
							element.elementReference(), element.errorCode(), X12Text.clean(element.badData(), 99));
					element.contexts().forEach(context -> context(context, out));
				}
			}
			List<Object> ik5 = new ArrayList<>();
			ik5.add(response.status());
			ik5.addAll(response.errorCodes());
			out.segment("IK5", ik5.toArray());
		}
		GroupResponse group = ack.groupResponse();
		List<Object> ak9 = new ArrayList<>(List.of(group.status(), Integer.toString(group.transactionSetsIncluded()),
				Integer.toString(group.transactionSetsReceived()), Integer.toString(group.transactionSetsAccepted())));
		ak9.addAll(group.errorCodes());
		out.segment("AK9", ak9.toArray());
	}

	private static void context(Context context, X12SegmentSink out) {
		out.segment("CTX", composite(X12Text.clean(context.name(), 35), X12Text.clean(context.reference(), 35)),
				context.segmentId(), positive(context.segmentPosition()), context.loopId(),
				context.elementPosition() > 0
						? composite(Integer.toString(context.elementPosition()), positive(context.componentPosition()))
						: null,
				context.elementReference().isEmpty() ? null : composite(context.elementReference()));
	}

	private static String positive(int value) {
		return value > 0 ? Integer.toString(value) : null;
	}
}
