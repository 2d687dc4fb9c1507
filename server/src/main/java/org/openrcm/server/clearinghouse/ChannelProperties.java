package org.openrcm.server.clearinghouse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How files travel to and from one clearinghouse connection, under {@code openrcm.clearinghouse.channel.*} (and
 * {@code openrcm.clearinghouse.tenants.<tenant>.channel.*}). OpenRCM puts each outbound interchange in the
 * outbound directory, picks up what the clearinghouse leaves in the inbound directory (999, 277CA, 835, ...), and
 * moves what it has stored to the archive directory. Secrets are never properties: the properties name the
 * environment variables that hold them.
 *
 * @param type {@code sandbox} (default: the in-process payer sandbox's SFTP server on loopback), {@code sftp} (a
 *             real clearinghouse, see {@code sftp.*}), {@code folder} (a local or mounted folder, see
 *             {@code folder}) or {@code none} (nothing is sent or received for this connection)
 * @param folder for {@code type=folder}: the folder the three directories are in. Required for that type; must
 *               exist when files are exchanged (a missing folder is reported as a failure, not created, in case it is
 *               an unmounted share).
 * @param outboundDir where OpenRCM puts files for the clearinghouse, relative to the folder or to the SFTP login
 *                    directory (or absolute). Default {@code outbound}.
 * @param inboundDir where the clearinghouse leaves files for OpenRCM. Default {@code inbound}. Must differ from the
 *                   outbound directory, or OpenRCM would read its own claims back as responses.
 * @param archiveDir where a fetched inbound file is moved once it has been stored; empty means it is deleted.
 *                   Default {@code archive}.
 * @param pollInterval how often the inbound directory is checked for new files. Default 30 seconds.
 * @param batchInterval how often waiting outbound interchanges are sent. Default 60 seconds.
 * @param downAfterFailures after this many consecutive failed attempts the {@code clearinghouse} health contributor
 *                          reports the connection DOWN. Default 3.
 * @param retry how a failed exchange is retried, see {@link Retry}
 * @param sftp the SFTP server for {@code type=sftp}, see {@link Sftp}
 * @param realTime the real-time endpoint 270s, 276s and 278s are exchanged on one at a time, see {@link RealTime}
 */
public record ChannelProperties(
		@DefaultValue("sandbox") @NotNull Type type,
		@DefaultValue("") String folder,
		@DefaultValue("outbound") @NotNull @Pattern(regexp = DIRECTORY) String outboundDir,
		@DefaultValue("inbound") @NotNull @Pattern(regexp = DIRECTORY) String inboundDir,
		@DefaultValue("archive") @NotNull @Pattern(regexp = DIRECTORY) String archiveDir,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration pollInterval,
		@DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration batchInterval,
		@DefaultValue("3") @Min(1) int downAfterFailures,
		@DefaultValue @Valid @NotNull Retry retry,
		@DefaultValue @Valid @NotNull Sftp sftp,
		@DefaultValue @Valid @NotNull RealTime realTime) {

	/** A directory name or path with {@code /} separators, no {@code ..} segment and no backslash. */
	static final String DIRECTORY = "(?!.*(^|/)\\.\\.(/|$))[^\\\\\\x00-\\x1f]*";

	/** What carries the files. */
	public enum Type {
		/** No clearinghouse: nothing is sent or received. */
		NONE,
		/** A local or mounted folder. */
		FOLDER,
		/** An SFTP server. */
		SFTP,
		/** The in-process payer sandbox's SFTP server on loopback. */
		SANDBOX
	}

	/** The defaults, as bound when nothing is configured. */
	public static ChannelProperties defaults() {
		return new ChannelProperties(Type.SANDBOX, "", "outbound", "inbound", "archive", Duration.ofSeconds(30),
				Duration.ofSeconds(60), 3, Retry.defaults(), Sftp.defaults(), RealTime.defaults());
	}

	/** The outbound, inbound and archive directories. */
	public ChannelDirectories directories() {
		return new ChannelDirectories(outboundDir, inboundDir, archiveDir);
	}

	/**
	 * How a failed exchange is retried: the first retry waits {@code initialDelay}, each further one
	 * {@code multiplier} times longer, never more than {@code maxDelay}; after {@code maxAttempts} attempts in all
	 * the failure is the caller's (the outbox and the inbox try again on their next round). A refused login or host
	 * key is never retried: retrying a wrong password can lock the account.
	 *
	 * @param maxAttempts attempts in all, the first included; default 4, 1 means no retry
	 * @param initialDelay the wait before the first retry; default 2 seconds
	 * @param multiplier how much longer each further wait is; default 2.0
	 * @param maxDelay the longest wait; default 30 seconds
	 */
	public record Retry(
			@DefaultValue("4") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration initialDelay,
			@DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0") double multiplier,
			@DefaultValue("30s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration maxDelay) {

		/** The defaults, as bound when nothing is configured. */
		public static Retry defaults() {
			return new Retry(4, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));
		}
	}

	/**
	 * An SFTP server, for {@code type=sftp}. Log in with a password, a private key, or both (the key is offered
	 * first). The server's host key must be pinned ({@code host-key-fingerprint}) or listed in a
	 * {@code known-hosts} file; accepting any host key is allowed only when {@code accept-any-host-key=true} says so,
	 * and is logged as a warning on every connection (anyone on the path could read the claims).
	 *
	 * @param host the server's host name or address; required for {@code type=sftp}
	 * @param port default 22
	 * @param username the login; required for {@code type=sftp}
	 * @param passwordEnv the environment variable that holds the password. Default
	 *                    {@code OPENRCM_CLEARINGHOUSE_SFTP_PASSWORD}; when it is unset or empty no password is
	 *                    offered.
	 * @param privateKey a private key file (OpenSSH {@code BEGIN OPENSSH PRIVATE KEY} or PEM) to log in with;
	 *                   default empty (none)
	 * @param privateKeyPassphraseEnv the environment variable that holds the key file's passphrase, when it is
	 *                                encrypted. Default {@code OPENRCM_CLEARINGHOUSE_SFTP_KEY_PASSPHRASE}.
	 * @param hostKeyFingerprint the server's host key fingerprint as {@code ssh-keygen -l} prints it,
	 *                           {@code SHA256:} and 43 base64 characters; several (during a key rotation) separated
	 *                           by commas. Default empty.
	 * @param knownHosts an OpenSSH {@code known_hosts} file that lists the server's host key; default empty
	 * @param acceptAnyHostKey accept whatever host key the server shows. Default false; for tests only.
	 * @param connectTimeout how long a TCP connection and SSH handshake may take; default 10 seconds
	 * @param authTimeout how long logging in may take; default 10 seconds
	 * @param operationTimeout how long OpenRCM waits for the server to answer a request; a session idle this long is
	 *                         closed and opened again when next needed. Default 60 seconds.
	 */
	public record Sftp(
			@DefaultValue("") @Size(max = 253) String host,
			@DefaultValue("22") @Min(1) @Max(65535) int port,
			@DefaultValue("") @Size(max = 255) String username,
			@DefaultValue(DEFAULT_PASSWORD_ENV) @NotNull @Pattern(regexp = ENVIRONMENT_VARIABLE) String passwordEnv,
			@DefaultValue("") String privateKey,
			@DefaultValue(DEFAULT_PASSPHRASE_ENV) @NotNull @Pattern(regexp = ENVIRONMENT_VARIABLE)
			String privateKeyPassphraseEnv,
			@DefaultValue("") @Pattern(regexp = "(SHA256:[A-Za-z0-9+/]{43}=?)(\\s*,\\s*SHA256:[A-Za-z0-9+/]{43}=?)*|")
			String hostKeyFingerprint,
			@DefaultValue("") String knownHosts,
			@DefaultValue("false") boolean acceptAnyHostKey,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration connectTimeout,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration authTimeout,
			@DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration operationTimeout) {

		/** The environment variable the SFTP password is read from unless {@code password-env} names another. */
		public static final String DEFAULT_PASSWORD_ENV = "OPENRCM_CLEARINGHOUSE_SFTP_PASSWORD";
		/** The environment variable a key file's passphrase is read from unless configured otherwise. */
		public static final String DEFAULT_PASSPHRASE_ENV = "OPENRCM_CLEARINGHOUSE_SFTP_KEY_PASSPHRASE";
		static final String ENVIRONMENT_VARIABLE = "[A-Za-z_][A-Za-z0-9_]*";

		/** The defaults, as bound when nothing is configured. */
		public static Sftp defaults() {
			return new Sftp("", 22, "", DEFAULT_PASSWORD_ENV, "", DEFAULT_PASSPHRASE_ENV, "", "", false,
					Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
		}
	}

	/**
	 * The real-time endpoint of a connection (CAQH CORE style HTTP MIME multipart, see {@link CoreHttpChannel}):
	 * eligibility, claim status and authorization requests go there one at a time and wait for their answer; without
	 * one they travel as files on the batch channel and their answers come back through the inbox.
	 *
	 * @param enabled whether requests use the real-time endpoint. Default true: for {@code type=sandbox} the sandbox's
	 *                own endpoint; for the other types the {@code url}, when set. False sends every request as a file.
	 * @param url the endpoint requests are POSTed to ({@code https://...}); empty (default) means none, except for
	 *            the sandbox
	 * @param timeout the longest an exchange may take, the payer's time included; after it the request is answered
	 *                with a timeout outcome. Default 20 seconds (the CORE response-time rule).
	 * @param username the CORE {@code UserName}; required with a {@code url}
	 * @param passwordEnv the environment variable that holds the CORE {@code Password}. Default
	 *                    {@code OPENRCM_CLEARINGHOUSE_REALTIME_PASSWORD}.
	 */
	public record RealTime(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("") @Pattern(regexp = "(https?://\\S+)?") String url,
			@DefaultValue("20s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration timeout,
			@DefaultValue("") @Size(max = 255) String username,
			@DefaultValue(DEFAULT_PASSWORD_ENV) @NotNull @Pattern(regexp = Sftp.ENVIRONMENT_VARIABLE)
			String passwordEnv) {

		/** The environment variable the real-time password is read from unless {@code password-env} names another. */
		public static final String DEFAULT_PASSWORD_ENV = "OPENRCM_CLEARINGHOUSE_REALTIME_PASSWORD";

		/** The defaults, as bound when nothing is configured. */
		public static RealTime defaults() {
			return new RealTime(true, "", Duration.ofSeconds(20), "", DEFAULT_PASSWORD_ENV);
		}
	}
}
