package org.openrcm.server.x12.ack;

import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.Context;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * Reads a 999 transaction set, as {@link org.openrcm.server.x12.X12Reader} read it with its segments kept, into an
 * {@link ImplementationAcknowledgment}.
 *
 * <p>The reader follows the segments in order (AK1; AK2 opens a transaction set response; IK3 a segment error; IK4
 * an element error; CTX belongs to the IK4 or IK3 before it; IK5 closes the response; AK9) and does not depend on the
 * transaction having passed validation: a 999 that breaks its guide (a short AK202, a stray segment) is read as far as
 * its segments make sense, and the caller decides from {@link X12Transaction#errors()} whether to trust it. It never
 * throws on content; numbers that do not parse read as 0.
 */
public final class Ack999Reader {

	private Ack999Reader() {}

	/**
	 * Reads one 999.
	 *
	 * @param transaction a transaction set whose ST01 is {@code 999}, read with its segments
	 * @throws IllegalArgumentException when it is not a 999, or its segments were not kept
	 */
	public static ImplementationAcknowledgment read(X12Transaction transaction) {
		if (!"999".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 999: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException("the 999 was read without its segments (X12Reader.Options.keepSegments)");
		}
		String functionalIdentifier = "";
		String groupControlNumber = "";
		String version = "";
		List<TransactionSetResponse> responses = new ArrayList<>();
		GroupResponse group = null;
		ResponseBuilder response = null;
		for (X12Segment segment : transaction.segments()) {
			switch (segment.id()) {
				case "AK1" -> {
					functionalIdentifier = segment.element(1);
					groupControlNumber = segment.element(2);
					version = segment.element(3);
				}
				case "AK2" -> {
					if (response != null) {
						responses.add(response.build());
					}
					response = new ResponseBuilder(segment);
				}
				case "IK3" -> {
					if (response != null) {
						response.segmentError(segment);
					}
				}
				case "IK4" -> {
					if (response != null) {
						response.elementError(segment);
					}
				}
				case "CTX" -> {
					if (response != null) {
						response.context(segment);
					}
				}
				case "IK5" -> {
					if (response != null) {
						response.trailer(segment);
						responses.add(response.build());
						response = null;
					}
				}
				case "AK9" -> group = new GroupResponse(segment.element(1), number(segment.element(2)),
						number(segment.element(3)), number(segment.element(4)), codes(segment, 5, 9));
				default -> {
					// ST, SE and anything the guide does not define
				}
			}
		}
		if (response != null) {
			responses.add(response.build());
		}
		return new ImplementationAcknowledgment(transaction.controlNumber(), functionalIdentifier, groupControlNumber,
				version, responses, group);
	}

	static int number(String value) {
		try {
			return value.isEmpty() ? 0 : Integer.parseInt(value.strip());
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	/** The non-empty simple elements from {@code first} to {@code last}. */
	private static List<String> codes(X12Segment segment, int first, int last) {
		List<String> codes = new ArrayList<>();
		for (int i = first; i <= last; i++) {
			if (!segment.element(i).isEmpty()) {
				codes.add(segment.element(i));
			}
		}
		return codes;
	}

	private static Context toContext(X12Segment ctx) {
		return new Context(ctx.component(1, 1), ctx.component(1, 2), ctx.element(2), number(ctx.element(3)),
				ctx.element(4), number(ctx.component(5, 1)), number(ctx.component(5, 2)), ctx.component(6, 1));
	}

	/** One loop 2000 as it is read. */
	private static final class ResponseBuilder {
		private final X12Segment ak2;
		private final List<SegmentError> segmentErrors = new ArrayList<>();
		private String status = "";
		private List<String> errorCodes = List.of();
		private X12Segment ik3;
		private final List<Context> segmentContexts = new ArrayList<>();
		private final List<ElementError> elementErrors = new ArrayList<>();
		private X12Segment ik4;
		private final List<Context> elementContexts = new ArrayList<>();

		ResponseBuilder(X12Segment ak2) {
			this.ak2 = ak2;
		}

		void segmentError(X12Segment segment) {
			closeSegmentError();
			ik3 = segment;
		}

		void elementError(X12Segment segment) {
			closeElementError();
			ik4 = segment;
		}

		void context(X12Segment segment) {
			if (ik4 != null) {
				elementContexts.add(toContext(segment));
			} else if (ik3 != null) {
				segmentContexts.add(toContext(segment));
			}
		}

		void trailer(X12Segment ik5) {
			status = ik5.element(1);
			errorCodes = codes(ik5, 2, 6);
		}

		private void closeElementError() {
			if (ik4 != null) {
				elementErrors.add(new ElementError(number(ik4.component(1, 1)), number(ik4.component(1, 2)),
						number(ik4.component(1, 3)), ik4.element(2), ik4.element(3), ik4.element(4), elementContexts));
				elementContexts.clear();
				ik4 = null;
			}
		}

		private void closeSegmentError() {
			closeElementError();
			if (ik3 != null) {
				segmentErrors.add(new SegmentError(ik3.element(1), number(ik3.element(2)), ik3.element(3),
						ik3.element(4), segmentContexts, elementErrors));
				ik3 = null;
			}
			// element errors without an IK3 before them (a broken 999) name no segment: they are dropped
			segmentContexts.clear();
			elementErrors.clear();
		}

		TransactionSetResponse build() {
			closeSegmentError();
			return new TransactionSetResponse(ak2.element(1), ak2.element(2), ak2.element(3), status, errorCodes,
					segmentErrors);
		}
	}
}
