package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * Builds, for the integration tests, the 999 a clearinghouse would send again: one rejecting as a whole the
 * functional group a stored rejection names (the words a feature stores say which transaction set of which group
 * and sender the 999 rejected), in a new interchange, so that posting it tests that nothing is applied twice.
 */
public final class Rejecting999s {

	private static final Pattern NAMED = Pattern.compile("transaction set (\\w+) of interchange \\w+\\) with its 999"
			+ " of interchange \\w+ \\(acknowledging group (\\w+) of ([^)]+)\\)");
	private static final Ack999Writer WRITER = new Ack999Writer(new X12InterchangeWriter(X12Schemas.load(),
			new InMemoryControlNumbers(), Clock.systemUTC()));

	private Rejecting999s() {}

	/**
	 * The 999, as X12 text.
	 *
	 * @param stored the stored words of the first rejection
	 * @param functionalIdentifier the group's GS01 (e.g. {@code HS} for 270s)
	 * @param transactionSetId the set's ST01 (e.g. {@code 270})
	 * @param version the group's GS08 (e.g. {@code 005010X279A1})
	 */
	public static String again(String stored, String functionalIdentifier, String transactionSetId,
			String version) {
		Matcher named = NAMED.matcher(stored);
		assertThat(named.find()).as("the control numbers in: " + stored).isTrue();
		ImplementationAcknowledgment ack = new ImplementationAcknowledgment("", functionalIdentifier, named.group(2),
				version, List.of(new TransactionSetResponse(transactionSetId, named.group(1), version, "R",
						List.of("5"), List.of())), new GroupResponse("R", 1, 1, 0, List.of()));
		X12Envelope envelope = new X12Envelope("ZZ", "CLEARINGHOUSE", "ZZ", named.group(3), "CLEARINGHOUSE",
				named.group(3), X12Usage.TEST, false);
		return WRITER.write(envelope, List.of(ack)).text();
	}
}
