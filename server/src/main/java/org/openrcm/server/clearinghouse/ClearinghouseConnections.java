package org.openrcm.server.clearinghouse;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path.Node;
import jakarta.validation.Validator;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The clearinghouse connections: the default one ({@code openrcm.clearinghouse.*}) and one per tenant that has its
 * own clearinghouse ({@code openrcm.clearinghouse.tenants.<tenant>.*}, a full connection with the same defaults;
 * nothing is inherited from the default connection). A connection is named {@value #DEFAULT} or after its tenant.
 *
 * <p>Every connection's settings are checked when this is built, and every problem is reported at once, each
 * naming its property: a folder or SFTP host that is not set, a password environment variable that is empty while
 * no key is configured, a key file that cannot be read with its passphrase, a host key that is not checked, an id
 * that cannot be written in an ISA, ...
 *
 * <p>A connection's channel is created when it is first asked for, wrapped in a {@link RetryingChannel} that
 * records every attempt in the connection's {@link ChannelHealth}, and kept until {@link #close()}. Creating it
 * connects nothing; the first call does.
 */
public final class ClearinghouseConnections implements Closeable {

	/** The name of the default connection. */
	public static final String DEFAULT = "default";

	/** Where the default connection's properties are. */
	static final String PREFIX = "openrcm.clearinghouse";
	/** Where the tenants' connections are. */
	static final String TENANTS = PREFIX + ".tenants";

	private static final Logger log = LoggerFactory.getLogger(ClearinghouseConnections.class);

	private final Map<String, Connection> connections = new LinkedHashMap<>();
	private final Map<String, String> tenants = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
	private final Function<String, String> environment;
	private final Supplier<SandboxEndpoint> sandbox;
	private final RetryingChannel.Sleeper sleeper;
	private final Clock clock;
	private final ChannelDecorator decorator;
	private boolean closed;

	/**
	 * @param defaults the default connection
	 * @param tenants the tenants' own connections, by tenant name (see {@link #bindTenants})
	 * @param environment looks an environment variable up (null when unset); {@code System::getenv} outside tests
	 * @param sandbox where the payer sandbox's SFTP server is, asked for when a {@code sandbox} channel is first used
	 * @param clock the time health is recorded with
	 * @throws IllegalStateException listing every setting that is wrong
	 */
	public ClearinghouseConnections(ClearinghouseProperties defaults, Map<String, ClearinghouseProperties> tenants,
			Function<String, String> environment, Supplier<SandboxEndpoint> sandbox, Clock clock) {
		this(defaults, tenants, environment, sandbox, clock, RetryingChannel.Sleeper.THREAD, ChannelDecorator.NONE);
	}

	/**
	 * As {@link #ClearinghouseConnections(ClearinghouseProperties, Map, Function, Supplier, Clock)}, with every
	 * channel handed out wrapped by the decorator (the audit trail's).
	 */
	public ClearinghouseConnections(ClearinghouseProperties defaults, Map<String, ClearinghouseProperties> tenants,
			Function<String, String> environment, Supplier<SandboxEndpoint> sandbox, Clock clock,
			ChannelDecorator decorator) {
		this(defaults, tenants, environment, sandbox, clock, RetryingChannel.Sleeper.THREAD, decorator);
	}

	ClearinghouseConnections(ClearinghouseProperties defaults, Map<String, ClearinghouseProperties> tenants,
			Function<String, String> environment, Supplier<SandboxEndpoint> sandbox, Clock clock,
			RetryingChannel.Sleeper sleeper) {
		this(defaults, tenants, environment, sandbox, clock, sleeper, ChannelDecorator.NONE);
	}

	ClearinghouseConnections(ClearinghouseProperties defaults, Map<String, ClearinghouseProperties> tenants,
			Function<String, String> environment, Supplier<SandboxEndpoint> sandbox, Clock clock,
			RetryingChannel.Sleeper sleeper, ChannelDecorator decorator) {
		this.decorator = decorator;
		this.environment = environment;
		this.sandbox = sandbox;
		this.clock = clock;
		this.sleeper = sleeper;
		List<String> problems = new ArrayList<>();
		connections.put(DEFAULT, new Connection(DEFAULT, PREFIX, defaults, new ChannelHealth(clock)));
		List<String> names = new ArrayList<>(tenants.keySet());
		names.sort(Comparator.naturalOrder());
		for (String tenant : names) {
			String prefix = TENANTS + "." + tenant;
			if (tenant.equalsIgnoreCase(DEFAULT)) {
				problems.add(prefix + ": '" + DEFAULT + "' is the name of the default connection; configure it under "
						+ PREFIX + ".* instead");
				continue;
			}
			String other = this.tenants.putIfAbsent(tenant, tenant);
			if (other != null) {
				problems.add(prefix + ": tenant names are matched ignoring case, and " + TENANTS + "." + other
						+ " is configured too");
				continue;
			}
			connections.put(tenant, new Connection(tenant, prefix, tenants.get(tenant), new ChannelHealth(clock)));
		}
		for (Connection connection : connections.values()) {
			problems.addAll(problems(connection));
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid clearinghouse settings:\n  - " + String.join("\n  - ", problems));
		}
	}

	/**
	 * Binds and validates the tenants' connections under {@code openrcm.clearinghouse.tenants}.
	 *
	 * @param binder the application's properties, {@code Binder.get(environment)}
	 * @param validator the Bean Validation validator
	 * @return the tenants' connections by tenant name, empty when none is configured
	 * @throws org.springframework.boot.context.properties.bind.BindException when a value cannot be converted (it
	 *                                                                         names the property)
	 * @throws IllegalStateException listing every property whose value is not allowed
	 */
	public static Map<String, ClearinghouseProperties> bindTenants(Binder binder, Validator validator) {
		Map<String, ClearinghouseProperties> tenants = binder
				.bind(TENANTS, Bindable.mapOf(String.class, ClearinghouseProperties.class))
				.orElse(Map.of());
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, ClearinghouseProperties> tenant : new TreeMap<>(tenants).entrySet()) {
			for (ConstraintViolation<ClearinghouseProperties> violation : validator.validate(tenant.getValue())) {
				problems.add(TENANTS + "." + tenant.getKey() + "." + propertyName(violation) + " "
						+ violation.getMessage() + " (was '" + violation.getInvalidValue() + "')");
			}
		}
		if (!problems.isEmpty()) {
			problems.sort(null);
			throw new IllegalStateException("Invalid clearinghouse settings:\n  - " + String.join("\n  - ", problems));
		}
		return tenants;
	}

	/**
	 * The connection a tenant's files travel through: its own when {@code openrcm.clearinghouse.tenants} has one
	 * (tenant names matched ignoring case), else {@value #DEFAULT}.
	 *
	 * @param tenant the tenant, or null for the default
	 */
	public String connectionFor(String tenant) {
		return tenant == null ? DEFAULT : tenants.getOrDefault(tenant, DEFAULT);
	}

	/**
	 * A connection's settings: its envelope ids and its channel.
	 *
	 * @throws IllegalArgumentException when there is no connection of that name
	 */
	public ClearinghouseProperties properties(String connection) {
		return connection(connection).properties;
	}

	/**
	 * A connection's channel, created on first use and kept until {@link #close()}.
	 *
	 * @throws IllegalArgumentException when there is no connection of that name
	 * @throws IllegalStateException when the connection's {@code channel.type} is {@code none}, the sandbox is asked
	 *                               for but not running, or the connections are closed
	 */
	public ClearinghouseChannel channel(String connection) {
		Connection named = connection(connection);
		synchronized (this) {
			if (closed) {
				throw new IllegalStateException("the clearinghouse connections are closed");
			}
			if (named.channel == null) {
				named.channel = decorator.decorate(named.name, new RetryingChannel(open(named),
						named.properties.channel().retry(), named.health, sleeper));
				log.info("Clearinghouse connection '{}': {}", named.name, named.channel.describe());
			}
			return named.channel;
		}
	}

	/**
	 * A connection's real-time channel (270/271, 276/277, 278 exchanged on one HTTP request), created on first use.
	 *
	 * @return empty when the connection has no real-time endpoint: its requests go through {@link #channel} as files
	 * @throws IllegalArgumentException when there is no connection of that name
	 */
	public Optional<RealTimeChannel> realTime(String connection) {
		Connection named = connection(connection);
		ChannelProperties channel = named.properties.channel();
		ChannelProperties.RealTime realTime = channel.realTime();
		boolean none = !realTime.enabled() || channel.type() == ChannelProperties.Type.NONE
				|| (channel.type() != ChannelProperties.Type.SANDBOX && realTime.url().isEmpty());
		if (none) {
			return Optional.empty();
		}
		synchronized (this) {
			if (closed) {
				throw new IllegalStateException("the clearinghouse connections are closed");
			}
			if (named.realTime == null) {
				named.realTime = decorator.decorate(named.name, openRealTime(named));
				log.info("Clearinghouse connection '{}': {}", named.name, named.realTime);
			}
			return Optional.of(named.realTime);
		}
	}

	private RealTimeChannel openRealTime(Connection connection) {
		ClearinghouseProperties properties = connection.properties;
		ChannelProperties.RealTime realTime = properties.channel().realTime();
		if (properties.channel().type() == ChannelProperties.Type.SANDBOX) {
			SandboxEndpoint endpoint = sandboxEndpoint();
			URI url = endpoint.realTimeUrl().orElseThrow(() -> new IllegalStateException(
					"channel.type is sandbox, but the payer sandbox has no real-time endpoint"));
			return new CoreHttpChannel(url, endpoint.username(), endpoint.password(), properties.submitterId(),
					properties.receiverId(), realTime.timeout(), clock);
		}
		String password = SftpSettings.secret(environment, realTime.passwordEnv());
		return new CoreHttpChannel(URI.create(realTime.url()), realTime.username(), password == null ? "" : password,
				properties.submitterId(), properties.receiverId(), realTime.timeout(), clock);
	}

	/** The connection names: {@value #DEFAULT} first, then the tenants' in order. */
	public Set<String> names() {
		return Collections.unmodifiableSet(connections.keySet());
	}

	/** A connection's health: every attempt its channel made. */
	public ChannelHealth health(String connection) {
		return connection(connection).health;
	}

	/** Where a connection's files go, as its channel describes it, whether or not it has been used yet. */
	public synchronized String describe(String connection) {
		Connection named = connection(connection);
		if (named.channel != null) {
			return named.channel.describe();
		}
		ChannelProperties channel = named.properties.channel();
		return switch (channel.type()) {
			case NONE -> "none (nothing is sent or received)";
			case FOLDER -> new FolderChannel(Path.of(channel.folder()), channel.directories()).describe();
			case SFTP -> SftpSettings.of(channel, environment).describe();
			case SANDBOX -> "sandbox sftp on 127.0.0.1 (outbound=" + channel.outboundDir() + ", inbound="
					+ channel.inboundDir() + ", archive=" + channel.archiveDir() + "; not opened yet)";
		};
	}

	/** Closes every channel that was opened; {@link #channel} refuses afterwards. */
	@Override
	public synchronized void close() {
		closed = true;
		for (Connection connection : connections.values()) {
			if (connection.channel != null) {
				try {
					connection.channel.close();
				} catch (IOException | RuntimeException e) {
					log.warn("Closing clearinghouse connection '{}': {}", connection.name, e.getMessage());
				}
				connection.channel = null;
			}
		}
	}

	private Connection connection(String name) {
		Connection connection = name == null ? null : connections.get(name);
		if (connection == null) {
			throw new IllegalArgumentException("no clearinghouse connection named '" + name + "'; there are "
					+ connections.keySet());
		}
		return connection;
	}

	private ClearinghouseChannel open(Connection connection) {
		ChannelProperties channel = connection.properties.channel();
		return switch (channel.type()) {
			case NONE -> throw new IllegalStateException("clearinghouse connection '" + connection.name + "' has "
					+ connection.prefix + ".channel.type=none: nothing is sent or received");
			case FOLDER -> new FolderChannel(Path.of(channel.folder()), channel.directories());
			case SFTP -> new SftpChannel(SftpSettings.of(channel, environment));
			case SANDBOX -> new SftpChannel(sandboxSettings(channel));
		};
	}

	private SandboxEndpoint sandboxEndpoint() {
		SandboxEndpoint endpoint;
		try {
			endpoint = sandbox.get();
		} catch (RuntimeException e) {
			throw new IllegalStateException("channel.type is sandbox, but the payer sandbox is not available: "
					+ e.getMessage(), e);
		}
		if (endpoint == null) {
			throw new IllegalStateException("channel.type is sandbox, but the payer sandbox is not running");
		}
		return endpoint;
	}

	private SftpSettings sandboxSettings(ChannelProperties channel) {
		SandboxEndpoint endpoint = sandboxEndpoint();
		String fingerprint = endpoint.hostKeyFingerprint() == null ? "" : endpoint.hostKeyFingerprint();
		ChannelProperties.Sftp sftp = channel.sftp();
		return new SftpSettings("sandbox sftp", "127.0.0.1", endpoint.port(), endpoint.username(),
				endpoint.password(), null, null, SftpSettings.fingerprints(fingerprint), null, fingerprint.isEmpty(),
				sftp.connectTimeout(), sftp.authTimeout(), sftp.operationTimeout(), channel.directories());
	}

	/** The settings of one connection that cannot work, each naming its property. */
	private List<String> problems(Connection connection) {
		List<String> problems = new ArrayList<>();
		String prefix = connection.prefix;
		ClearinghouseProperties properties = connection.properties;
		try {
			properties.envelope();
		} catch (IllegalArgumentException e) {
			problems.add(prefix + ": the envelope ids cannot be written in an ISA: " + e.getMessage());
		}
		ChannelProperties channel = properties.channel();
		if (channel.type() == ChannelProperties.Type.NONE) {
			return problems;
		}
		try {
			channel.directories();
		} catch (IllegalArgumentException e) {
			problems.add(prefix + ".channel.outbound-dir/inbound-dir/archive-dir: " + e.getMessage());
		}
		if (channel.type() == ChannelProperties.Type.FOLDER && channel.folder().isBlank()) {
			problems.add(prefix + ".channel.folder must be set for channel.type=folder");
		}
		if (channel.type() == ChannelProperties.Type.SFTP) {
			problems.addAll(sftpProblems(prefix + ".channel.sftp", channel.sftp()));
		}
		ChannelProperties.RealTime realTime = channel.realTime();
		boolean realTimeUrl = channel.type() != ChannelProperties.Type.SANDBOX && realTime.enabled()
				&& !realTime.url().isEmpty();
		if (realTimeUrl && (realTime.username().isBlank()
				|| SftpSettings.secret(environment, realTime.passwordEnv()) == null)) {
			problems.add(prefix + ".channel.real-time: a url needs a username and a password (the environment"
					+ " variable " + realTime.passwordEnv() + " named by password-env is not set)");
		}
		return problems;
	}

	private List<String> sftpProblems(String prefix, ChannelProperties.Sftp sftp) {
		List<String> problems = new ArrayList<>();
		if (sftp.host().isBlank()) {
			problems.add(prefix + ".host must be set for channel.type=sftp");
		}
		if (sftp.username().isBlank()) {
			problems.add(prefix + ".username must be set for channel.type=sftp");
		}
		String password = SftpSettings.secret(environment, sftp.passwordEnv());
		if (sftp.privateKey().isBlank()) {
			if (password == null) {
				problems.add(prefix + ": no password to log in with (the environment variable " + sftp.passwordEnv()
						+ " named by " + prefix + ".password-env is not set) and no " + prefix + ".private-key");
			}
		} else {
			try {
				SftpChannel.loadKeyPair(Path.of(sftp.privateKey()),
						SftpSettings.secret(environment, sftp.privateKeyPassphraseEnv()));
			} catch (IOException e) {
				problems.add(prefix + ".private-key: " + e.getMessage() + " (the passphrase is read from the"
						+ " environment variable " + sftp.privateKeyPassphraseEnv() + ")");
			}
		}
		int hostKeyChecks = (sftp.hostKeyFingerprint().isBlank() ? 0 : 1) + (sftp.knownHosts().isBlank() ? 0 : 1)
				+ (sftp.acceptAnyHostKey() ? 1 : 0);
		if (hostKeyChecks == 0) {
			problems.add(prefix + ": the server's host key is not checked; set " + prefix
					+ ".host-key-fingerprint (SHA256:..., as ssh-keygen -l prints it) or " + prefix + ".known-hosts"
					+ " (or, for tests only, " + prefix + ".accept-any-host-key=true)");
		} else if (hostKeyChecks > 1) {
			problems.add(prefix + ": set only one of host-key-fingerprint, known-hosts and accept-any-host-key");
		}
		if (!sftp.knownHosts().isBlank() && !Files.isReadable(Path.of(sftp.knownHosts()))) {
			problems.add(prefix + ".known-hosts: the file " + sftp.knownHosts() + " cannot be read");
		}
		return problems;
	}

	/** A violation's property path in kebab case, as it is written in application.yml. */
	private static String propertyName(ConstraintViolation<?> violation) {
		List<String> names = new ArrayList<>();
		for (Node node : violation.getPropertyPath()) {
			if (node.getName() != null) {
				names.add(node.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
			}
		}
		return String.join(".", names);
	}

	private static final class Connection {

		final String name;
		final String prefix;
		final ClearinghouseProperties properties;
		final ChannelHealth health;
		ClearinghouseChannel channel;
		RealTimeChannel realTime;

		Connection(String name, String prefix, ClearinghouseProperties properties, ChannelHealth health) {
			this.name = name;
			this.prefix = prefix;
			this.properties = properties;
			this.health = health;
		}
	}
}
