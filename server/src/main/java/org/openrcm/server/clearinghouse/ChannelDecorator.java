package org.openrcm.server.clearinghouse;

/**
 * Wraps each channel {@link ClearinghouseConnections} hands out, once, when it is created (the audit trail records
 * every file through its wrappers). The wrappers must keep the channels' contracts.
 */
public interface ChannelDecorator {

	/** Leaves channels as they are. */
	ChannelDecorator NONE = new ChannelDecorator() {

		@Override
		public ClearinghouseChannel decorate(String connection, ClearinghouseChannel channel) {
			return channel;
		}

		@Override
		public RealTimeChannel decorate(String connection, RealTimeChannel channel) {
			return channel;
		}
	};

	/** The file channel of a connection, as callers will use it. */
	ClearinghouseChannel decorate(String connection, ClearinghouseChannel channel);

	/** The real-time channel of a connection, as callers will use it. */
	RealTimeChannel decorate(String connection, RealTimeChannel channel);
}
