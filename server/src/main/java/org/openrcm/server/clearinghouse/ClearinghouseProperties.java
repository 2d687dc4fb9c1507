package org.openrcm.server.clearinghouse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Usage;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clearinghouse connection outbound X12 is addressed through, under {@code openrcm.clearinghouse.*}: who submits
 * (OpenRCM's submitter id at the clearinghouse), who receives, and how the files travel ({@code channel.*}). The
 * defaults address the in-process payer sandbox and mark every interchange as test data; a production connection
 * sets at least the two ids, the names, {@code usage=production} and an SFTP channel.
 *
 * <p>This is the default connection. A tenant with its own clearinghouse has a full connection of its own under
 * {@code openrcm.clearinghouse.tenants.<tenant>.*}, with the same keys and defaults (see
 * {@link ClearinghouseConnections}).
 *
 * @param submitterId the submitter id the clearinghouse assigned: ISA06, GS02 and 1000A NM109; 1 to 15 characters.
 *                    Default {@code OPENRCM}.
 * @param submitterIdQualifier ISA05: {@code ZZ} (mutually defined, default), {@code 30} (federal tax id), ...
 * @param submitterName the submitter's organization name, 1000A NM103. Default {@code OPENRCM DEVELOPMENT}.
 * @param submitterContactName who the receiver calls about a file, 1000A PER02. Default {@code EDI SUPPORT}.
 * @param submitterContactPhone 1000A PER04 (qualifier TE), digits only, area code first. Default
 *                              {@code 5555550100}.
 * @param submitterContactEmail 1000A PER06 (qualifier EM) when set. Default empty (none).
 * @param receiverId the clearinghouse's id: ISA08, GS03 and 1000B NM109; 1 to 15 characters. Default
 *                   {@code OPENRCMSANDBOX}.
 * @param receiverIdQualifier ISA07. Default {@code ZZ}.
 * @param receiverName the clearinghouse's name, 1000B NM103. Default {@code OPENRCM SANDBOX CLEARINGHOUSE}.
 * @param applicationSenderCode GS02 when the clearinghouse wants it to differ from the submitter id; empty (default)
 *                              means the submitter id
 * @param applicationReceiverCode GS03 when it should differ from the receiver id; empty (default) means the
 *                                receiver id
 * @param usage ISA15: {@code test} (T, default) or {@code production} (P). A receiver adjudicates production data
 *              only.
 * @param acknowledgmentRequested ISA14: ask the receiver for a TA1 interchange acknowledgment. Default false (the
 *                                999 acknowledges every file anyway).
 * @param channel how files travel to and from this clearinghouse, see {@link ChannelProperties}. Default: the payer
 *                sandbox.
 */
@Validated
@ConfigurationProperties("openrcm.clearinghouse")
public record ClearinghouseProperties(
		@DefaultValue("OPENRCM") @NotBlank @Size(max = 15) String submitterId,
		@DefaultValue("ZZ") @Pattern(regexp = "[0-9A-Z]{2}") String submitterIdQualifier,
		@DefaultValue("OPENRCM DEVELOPMENT") @NotBlank @Size(max = 60) String submitterName,
		@DefaultValue("EDI SUPPORT") @NotBlank @Size(max = 60) String submitterContactName,
		@DefaultValue("5555550100") @Pattern(regexp = "\\d{10,15}") String submitterContactPhone,
		@DefaultValue("") @Size(max = 80) String submitterContactEmail,
		@DefaultValue("OPENRCMSANDBOX") @NotBlank @Size(max = 15) String receiverId,
		@DefaultValue("ZZ") @Pattern(regexp = "[0-9A-Z]{2}") String receiverIdQualifier,
		@DefaultValue("OPENRCM SANDBOX CLEARINGHOUSE") @NotBlank @Size(max = 60) String receiverName,
		@DefaultValue("") @Size(max = 15) String applicationSenderCode,
		@DefaultValue("") @Size(max = 15) String applicationReceiverCode,
		@DefaultValue("test") @NotNull X12Usage usage,
		@DefaultValue("false") boolean acknowledgmentRequested,
		@DefaultValue @Valid @NotNull ChannelProperties channel) {

	/** The development defaults, as bound when nothing is configured. */
	public static ClearinghouseProperties defaults() {
		return new ClearinghouseProperties("OPENRCM", "ZZ", "OPENRCM DEVELOPMENT", "EDI SUPPORT", "5555550100", "",
				"OPENRCMSANDBOX", "ZZ", "OPENRCM SANDBOX CLEARINGHOUSE", "", "", X12Usage.TEST, false,
				ChannelProperties.defaults());
	}

	/**
	 * The ISA/GS addressing of this connection.
	 *
	 * @throws IllegalArgumentException when an id holds characters X12 cannot carry there
	 */
	public X12Envelope envelope() {
		return new X12Envelope(submitterIdQualifier, submitterId, receiverIdQualifier, receiverId,
				applicationSenderCode.isEmpty() ? submitterId : applicationSenderCode,
				applicationReceiverCode.isEmpty() ? receiverId : applicationReceiverCode, usage,
				acknowledgmentRequested);
	}
}
