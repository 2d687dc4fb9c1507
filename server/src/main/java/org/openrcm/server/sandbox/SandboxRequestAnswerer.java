package org.openrcm.server.sandbox;

import java.time.LocalDateTime;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Transaction;

/**
 * How the payer sandbox answers one kind of request other than a claim: a 270 with a 271, a 276 with a 277, a 278
 * request with a 278 response. The {@link SandboxResponder} acknowledges every file with a 999 first; the request
 * transaction sets of an interchange that the 999 accepted are then handed to the answerer of their guide, which
 * writes one answer interchange for them. The same answerer serves the batch SFTP channel (the answer becomes a file
 * {@code <name>.<ISA13>.<answerExtension>}) and the real-time channel (the answer is the HTTP response).
 *
 * <p>Answerers are Spring beans (each feature declares its own); the sandbox takes every bean of this type.
 * Implementations must be deterministic for the same request and clock, and safe for use by several threads.
 */
public interface SandboxRequestAnswerer {

	/** The guide of the requests it answers, e.g. {@link X12Guide} 270 005010X279A1. */
	X12Guide requestGuide();

	/** The file extension its answers are delivered under, e.g. {@code 271}. */
	String answerExtension();

	/**
	 * Writes the answers to the accepted requests of one interchange.
	 *
	 * @param writer writes and validates the answer interchange (its control numbers are the sandbox's own)
	 * @param envelope the answer's addressing: back to the requester (its receiver id is the requester's ISA06)
	 * @param requests the accepted request transaction sets, with their segments, in file order (never empty)
	 * @param received when the sandbox received the requests (the answer's dates)
	 * @return the answer interchange
	 * @throws org.openrcm.server.x12.X12ValidationException when the answer cannot be written valid (a defect)
	 */
	WrittenInterchange answer(X12InterchangeWriter writer, X12Envelope envelope, List<X12Transaction> requests,
			LocalDateTime received);
}
